#!/usr/bin/env python3
"""The peer of `solvent ingest invoices`: pandas read_csv with date parsing,
then to_sql into a fresh SQLite file (what an analyst's notebook does).
usage: pandas_load.py INVOICES.csv STORE.sqlite"""
import os, sqlite3, sys
import pandas as pd

path, store = sys.argv[1], sys.argv[2]
if os.path.exists(store):
    os.remove(store)
df = pd.read_csv(path, dtype={"invoice_id": str, "customer_id": str, "po_number": str,
                              "currency": str, "channel": str},
                 parse_dates=["issue_date", "due_date"], date_format="%Y-%m-%d")
con = sqlite3.connect(store)
df.to_sql("invoices", con, index=False)
con.commit()
con.close()
