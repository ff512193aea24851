"""Ingestion speed: the project's import path against plain DaCHS.

Both import the same simulated KASCADE events in one run:

* project path: KCDC files (HDF5) -> converters (columnar numpy, sky
  coordinates) -> binary COPY into a staging table -> indexes -> swap,
  i.e. exactly what ``apdc import kascade_sim`` does, into the served
  table;
* baseline: the same events as a KCDC ASCII export, imported by
  ``dachs imp`` with a reGrammar and an identity rowmaker, the way the
  DaCHS tutorial does it (bench/dachs_baseline.rd).  It stores the raw
  quantities only and computes no sky coordinates.

Run:  .venv/bin/python -m bench.ingest [--events N]
Prints a table and writes bench/results/ingest.json.
"""

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


from apdc import config, ingest, resources
from converters import kcdc, kcdc_quantities, rdschema
from converters.kascade import events as kascade_events
from converters.tables import concatenate_columns
from exporters.kcdc import write_events

BENCH_DIR = Path(__file__).resolve().parent


def project_path(resource):
    """``apdc import``'s own path for the events table, timed in steps."""
    timings = {}
    t0 = time.perf_counter()
    table, columns = next(resource.tables())
    timings["read+derive"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    n_rows = ingest.replace_rows(table, columns)
    timings["load"] = time.perf_counter() - t1
    timings["total"] = time.perf_counter() - t0
    return n_rows, timings


def baseline_rd():
    """bench/dachs_baseline.rd with one column per KCDC quantity."""
    qs = kcdc_quantities.scalar_quantities()
    columns = []
    for q in qs:
        col = rdschema.table("kascade", q.table).column(q.column)
        columns.append(f'    <column name="{q.name.lower()}" '
                       f'type="{col.type}" unit="{q.unit}" '
                       f'description="KCDC {q.name}"/>')
    text = (BENCH_DIR / "dachs_baseline.rd").read_text(encoding="utf-8")
    text = text.replace('names="NAMES"', 'names="{}"'.format(
        ", ".join(q.name.lower() for q in qs)))
    marker = text.index("    <!-- COLUMNS")
    end = text.index("-->", marker) + 3
    return text[:marker] + "\n".join(columns) + text[end:]


def baseline(quantities, workdir):
    write_events(workdir / "events.txt", quantities)
    # DaCHS only loads RDs below its inputsDir (the project's rd/).
    rd_dir = config.RD_DIR / "_bench"
    rd_dir.mkdir(exist_ok=True)
    rd = rd_dir / "q.rd"
    text = baseline_rd().replace(
        '<resource schema="apdc_bench">',
        f'<resource schema="apdc_bench" resdir="{workdir}">')
    rd.write_text(text)
    try:
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "/usr/bin/dachs", "imp", "_bench/q"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        elapsed = time.perf_counter() - t0
        if proc.returncode:
            raise RuntimeError(proc.stdout)
        subprocess.run([sys.executable, "/usr/bin/dachs", "drop", "_bench/q"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    finally:
        shutil.rmtree(rd_dir)
    return {"total": elapsed}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()

    sim = resources.load("kascade_sim")
    sim.prepare()
    # the baseline's input: the same events, read once
    quantities = concatenate_columns([kcdc.read_events(p)
        for p in kascade_events.input_files(sim.context())])
    n_available = len(quantities["E"])
    if n_available < args.events:
        raise SystemExit(f"only {n_available} simulated events available")
    n_proj, t_proj = project_path(sim)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory(prefix="apdc-bench-") as tmp:
        workdir = Path(tmp)
        shutil.chown(workdir, group="gavo")
        workdir.chmod(0o775)
        t_base = baseline(quantities, workdir)

    result = {
        "events": n_proj,
        "project_s": t_proj, "project_events_per_s": n_proj / t_proj["total"],
        "project_peak_rss_mb": peak_mb,
        "baseline_s": t_base, "baseline_events_per_s": n_available / t_base["total"],
    }
    result["speedup"] = (result["project_events_per_s"]
        / result["baseline_events_per_s"])
    out = BENCH_DIR / "results"
    out.mkdir(exist_ok=True)
    (out / "ingest.json").write_text(json.dumps(result, indent=2))
    print(f"events                      {n_proj:>12,}")
    print(f"project path   total        {t_proj['total']:>10.2f} s  "
        f"{result['project_events_per_s']:>12,.0f} events/s")
    for step in ("read+derive", "load"):
        print(f"  {step:26s}{t_proj[step]:>10.2f} s")
    print(f"  peak RSS                  {peak_mb:>10.0f} MB")
    print(f"DaCHS reGrammar baseline    {t_base['total']:>10.2f} s  "
        f"{result['baseline_events_per_s']:>12,.0f} events/s")
    print(f"ratio project/baseline      {result['speedup']:>10.1f}")


if __name__ == "__main__":
    main()
