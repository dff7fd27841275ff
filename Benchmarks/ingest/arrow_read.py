#!/usr/bin/env python3
"""Arrow's multithreaded CSV reader and pandas' C reader on the same file, in MB/s
(median of REPEATS). Prints one JSON line. usage: arrow_read.py FILE [REPEATS]"""
import json, os, statistics, sys, time
import pandas as pd
import pyarrow
import pyarrow.csv as pacsv

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
size = os.path.getsize(path)

def median_seconds(f):
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return statistics.median(ts)

convert = pacsv.ConvertOptions(column_types={"issue_date": pyarrow.date32(), "due_date": pyarrow.date32(),
                                             "invoice_id": pyarrow.string(), "customer_id": pyarrow.string()})
t_arrow = median_seconds(lambda: pacsv.read_csv(path, convert_options=convert))
t_pandas = median_seconds(lambda: pd.read_csv(path, parse_dates=["issue_date", "due_date"], date_format="%Y-%m-%d",
                                              dtype={"invoice_id": str, "customer_id": str, "po_number": str}))
print(json.dumps({"bytes": size, "arrow_seconds": t_arrow, "arrow_mb_s": size / 1e6 / t_arrow,
                  "pandas_seconds": t_pandas, "pandas_mb_s": size / 1e6 / t_pandas,
                  "arrow_threads": pyarrow.cpu_count()}))
