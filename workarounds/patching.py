"""The one way the work-arounds patch DaCHS: replace an attribute, keep it.

Every DaCHS-side work-around puts its own function in place of one of
DaCHS's (a method or a module function) with :func:`replace`, which
keeps the upstream one beside it, so that the patch can call it, tests
can ask it whether the bug is still there (:func:`original`), and a
second install changes nothing.
"""

__all__ = ["replace", "replace_all", "original"]

_PREFIX = "_apdc_original_"


def replace(owner, name, new):
    """Put ``new`` in place of ``owner.<name>``; keep the original.

    Parameters
    ----------
    owner : class or module
    name : str
        The attribute to replace (or to add: DaCHS's hooks such as
        ``UWSJob._preprocess_<parameter>``; its original is then None).
    new : object
        What DaCHS gets instead.

    Returns
    -------
    bool
        True if this call replaced it, False if ``new`` was there already.
    """
    if getattr(owner, name, None) is new:
        return False
    setattr(owner, _PREFIX + name, getattr(owner, name, None))
    setattr(owner, name, new)
    return True


def replace_all(*replacements):
    """:func:`replace` for each ``(owner, name, new)`` of a work-around.

    Parameters
    ----------
    *replacements : tuple
        ``(owner, name, new)`` each.

    Returns
    -------
    bool
        True if this call replaced any of them (a work-around's
        ``install()`` result).
    """
    replaced = [replace(owner, name, new) for owner, name, new in replacements]
    return any(replaced)


def original(owner, name):
    """``owner.<name>`` as upstream has it, patched or not (None: absent)."""
    return getattr(owner, _PREFIX + name, getattr(owner, name, None))
