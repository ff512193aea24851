"""The one exception that every converter raises on bad input."""


class InputError(ValueError):
    """Bad input data, located as precisely as the reader can.

    Parameters
    ----------
    path : str
        The file being read.
    message : str
        What is wrong, in words an operator understands.
    row : int, optional
        1-based data row (ASCII: the line number in the file).
    field : str, optional
        The quantity (column, dataset or branch name) at fault.
    """

    def __init__(self, path, message, row=None, field=None):
        self.path, self.message, self.row, self.field = (
            str(path), message, row, field)
        where = [self.path]
        if row is not None:
            where.append(f"row {row}")
        if field is not None:
            where.append(f"field {field}")
        super().__init__(f"{', '.join(where)}: {message}")
