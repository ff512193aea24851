"""Errors of the input readers, as numbered classes.

Every reader of the data centre raises one of the classes below when its
input is bad.  Each has a stable code (``E01`` ...) that tests and users
can match instead of a message text, and it locates the fault as
precisely as the reader can: the file, the 1-based row and the field
(column, dataset, branch or quantity).  The message says what to do
next where there is something to do.

The docstring of each class documents the error; ``docs/errors.md`` is
generated from them (``python -m converters.errors``) and a test checks
that it is current.
"""

__all__ = ["InputError", "E01", "E02", "E03", "E04", "E05", "E06", "E07",
           "E08", "E09", "E10", "ALL", "markdown"]


class InputError(ValueError):
    """Bad input data, located as precisely as the reader can.

    Not raised itself: readers raise one of the numbered subclasses.

    Parameters
    ----------
    path : str or os.PathLike
        The file being read.
    message : str
        What is wrong, in words an operator understands.
    row : int, optional
        1-based data row (ASCII: the line number in the file).
    field : str, optional
        The quantity (column, dataset or branch name) at fault.
    """

    code = None
    title = None

    def __init__(self, path, message, row=None, field=None):
        self.path, self.message, self.row, self.field = (
            str(path), message, row, field)
        where = [self.path]
        if row is not None:
            where.append(f"row {row}")
        if field is not None:
            where.append(f"field {field}")
        super().__init__(f"{self.code}: {', '.join(where)}: {message}")


class E01(InputError):
    """An input file does not exist or cannot be opened.

    The data folder of the resource lacks a file that the manifest or the
    reader needs, or the operating system refuses to open it.  Fetch the
    data again (``apdc fetch NAME``) or put the file in place.
    """

    code, title = "E01", "missing file"


class E02(InputError):
    """A file exists but is not readable in its format.

    It is truncated, corrupt, compressed differently or not in the text
    encoding the format prescribes.  Fetch it again (``apdc fetch NAME
    --force``) or replace it by an intact copy.
    """

    code, title = "E02", "unreadable file"


class E03(InputError):
    """A file is readable but its layout is not the expected one.

    The header line, the declared format or the format version differ
    from what the reader knows: the file is probably another product or
    release than the one the resource publishes.  The message names what
    was expected.
    """

    code, title = "E03", "unexpected layout"


class E04(InputError):
    """A required quantity is missing from a file.

    A column, HDF5 dataset, ROOT branch or KCDC quantity that the table
    needs (``required`` in the RD) is not in the file.  Optional
    quantities that are missing become NULL and raise nothing.
    """

    code, title = "E04", "missing quantity"


class E05(InputError):
    """A value cannot be read as the type of its field.

    For example a text where a number is expected, a date that does not
    exist or a malformed sexagesimal position.  The row and field locate
    it; correct the value or the file.
    """

    code, title = "E05", "malformed value"


class E06(InputError):
    """A value lies outside the range its field allows.

    The range comes from the RD (``<values min max>``) or from physics
    (declination within +-90 deg).  The message gives the value and the
    range.
    """

    code, title = "E06", "value out of range"


class E07(InputError):
    """A required value is empty.

    The field exists but the row has no value where the table forbids
    NULL.
    """

    code, title = "E07", "missing value"


class E08(InputError):
    """Values of a file contradict each other.

    Rows with the wrong number of fields, arrays of different lengths,
    duplicate identifiers, or two representations of one quantity that
    disagree (e.g. galactic and equatorial positions).
    """

    code, title = "E08", "inconsistent values"


class E09(InputError):
    """No input of the kind the reader needs was found.

    The data folder holds no file the reader can take (e.g. no KCDC
    export, no alert catalogue).  Fetch the data or put files there.
    """

    code, title = "E09", "no input"


class E10(InputError):
    """A file's provenance contradicts the resource it is imported into.

    A file that declares itself simulated (attribute ``simulated``) is in
    a resource of measured data, or a file without that declaration
    (measured data) is in a resource whose RD says ``simulated``:
    simulated and measured events must never mix in one table.  Put the
    file into the resource that matches it.
    """

    code, title = "E10", "provenance mismatch"


#: The numbered classes, in code order.
ALL = (E01, E02, E03, E04, E05, E06, E07, E08, E09, E10)


def markdown():
    """The reference of all error codes, as Markdown.

    Returns
    -------
    str
        The text of ``docs/errors.md``.
    """
    lines = ["# Input errors", "",
             "<!-- generated by `python -m converters.errors`; "
             "tests/test_errors.py checks it -->", "",
             "Every reader raises one of these classes "
             "(`converters.errors`).  The message starts with the code, "
             "then names the file, the row and the field:", "",
             "    E06: kcdc_export.txt, row 12, field ZE: value 95.0 "
             "outside [0.0, 90.0]", ""]
    for cls in ALL:
        doc = " ".join(cls.__doc__.split())
        lines += [f"## {cls.code}: {cls.title}", "", doc, ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
