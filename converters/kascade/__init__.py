"""Table converters of the KASCADE resources (rd/kascade.rd and copies).

``converters.kascade.events:events_table`` fills an events table from the
KCDC exports, ``converters.kascade.runs:runs_table`` a runs table from
the run files.  Both serve every KASCADE resource (measured, simulated,
or a new one declared by an RD): what they read and which columns they
fill is declared in the RD (:mod:`converters.kcdc_quantities`).
"""
