"""Product steps: files derived from a resource's inputs.

A manifest (``resources/<name>/dataset.json``) names its product steps
under ``"products"`` as ``apdc.products.<module>:<function>``; each is
called ``function(ctx)`` (a :class:`converters.context.ImportContext`)
after the inputs are in place and before the tables are converted, and
writes only below ``ctx.data_dir/<folder>`` for a folder the manifest
lists under ``"derived"``.
"""

__all__ = []
