#!/usr/bin/env python3
"""The customer profile of `solvent profile` (docs/profile.md) written with pandas.

The peer of `solvent profile` in Benchmarks/run-profile.sh: it reads the
generator's CSV files with pandas.read_csv (dates parsed; pandas' counterpart
of Solvent loading its store) and computes the same features, with the same
definitions, with vectorised pandas/numpy (groupby, sort + cumsum,
drop_duplicates, merge); no Python loop over rows.

    pandas_features.py DATA_DIR OUT.csv [--as-of DATE]          compute and write
    pandas_features.py --check SOLVENT_PROFILE.csv DATA_DIR      compare with Solvent
                       [--as-of DATE]
    pandas_features.py --check SOLVENT_PROFILE.csv PANDAS.csv    compare two written tables

It computes all 84 features of catalogue 1.0.0 (none left out; FEATURES below
is the catalogue order). Conventions followed exactly as Solvent does:
money in integer cents until it becomes a feature (then ÷ 100); day numbers
for dates; windows (as-of − 12 months, as-of] with calendar-month subtraction
clamped to the month's end; payments ordered by (invoice, paid_on, file order).

--check prints, per feature, the largest absolute difference from Solvent's
column on the same customer ids (cells missing on both sides agree; missing on
one side only is a disagreement) and exits 1 when any feature disagrees:
counts, flags, amounts and whole days must be equal, the other numbers within
1e-9.
"""
import argparse
import calendar
import datetime as dt
import os
import sys
import time

import numpy as np
import pandas as pd

# (name, kind): "cat" text, "int" exact (counts, flags, cents ÷ 100, whole days), "real" within 1e-9.
FEATURES = [
    ("cust_country", "cat"), ("cust_sector", "cat"), ("cust_size_class", "cat"), ("cust_region", "cat"),
    ("cust_category", "cat"), ("cust_payment_terms_days", "int"), ("cust_tenure_days", "int"),
    ("cust_payment_terms_missing", "int"), ("cust_tenure_missing", "int"),
]
for _w in ("12m", "all"):
    FEATURES += [
        (f"pb_{_w}_paid_invoices", "int"), (f"pb_{_w}_paid_amount", "int"), (f"pb_{_w}_days_late_mean", "real"),
        (f"pb_{_w}_days_late_median", "int"), (f"pb_{_w}_days_late_std", "real"), (f"pb_{_w}_share_late_0", "real"),
        (f"pb_{_w}_share_late_30", "real"), (f"pb_{_w}_share_late_60", "real"), (f"pb_{_w}_days_to_pay_mean", "real"),
        (f"pb_{_w}_partial_share", "real"), (f"pb_{_w}_missing", "int"),
    ]
FEATURES += [
    ("pb_trend_days_late", "real"), ("pb_trend_missing", "int"),
    ("pb_slope_days_late", "real"), ("pb_slope_missing", "int"),
    ("reg_payment_days", "int"), ("reg_day_concentration", "real"), ("reg_modal_day", "int"),
    ("reg_modal_day_share", "real"), ("reg_batch_share", "real"), ("reg_missing", "int"),
    ("ar_open", "int"), ("ar_overdue", "int"), ("ar_open_invoices", "int"), ("ar_partially_paid_invoices", "int"),
    ("ar_oldest_days_past_due", "int"), ("ar_open_credit_notes", "int"), ("ar_share_current", "real"),
    ("ar_share_1_30", "real"), ("ar_share_31_60", "real"), ("ar_share_61_90", "real"), ("ar_share_91_plus", "real"),
    ("ar_aging_missing", "int"),
    ("dsp_12m_count", "int"), ("dsp_12m_rate", "real"), ("dsp_rate_missing", "int"), ("dsp_open", "int"),
    ("dsp_all_rate", "real"),
    ("dsp_12m_wrong_address", "int"), ("dsp_12m_missing_po", "int"), ("dsp_12m_price", "int"),
    ("dsp_12m_quality", "int"), ("dsp_12m_quantity", "int"), ("dsp_12m_other", "int"),
    ("ord_12m_count", "int"), ("ord_12m_refused", "int"), ("ord_12m_blocked", "int"),
    ("ord_12m_refused_blocked_share", "real"), ("ord_missing", "int"),
    ("ext_agencies", "int"), ("ext_score_norm", "real"), ("ext_rating_age_days", "int"), ("ext_score_missing", "int"),
    ("ext_score_change_12m", "real"), ("ext_downgrade", "int"), ("ext_change_missing", "int"),
    ("ext_recommended_limit", "int"), ("ext_recommended_limit_missing", "int"),
    ("ins_limit", "int"), ("ins_limit_withdrawn", "int"), ("ins_limit_missing", "int"), ("ins_utilisation", "real"),
    ("ins_utilisation_missing", "int"), ("ins_limit_change_12m", "real"), ("ins_change_missing", "int"),
    ("crm_open_pipeline", "int"), ("crm_open_opportunities", "int"),
]
LEFT_OUT: list[str] = []  # features of the catalogue this script does not compute (none)

EPOCH = np.datetime64("1970-01-01", "D")
NEVER = np.iinfo(np.int64).max  # an empty valid_to / resolved_on: never


# ---------------------------------------------------------------- reading

def read(data_dir, name, usecols, dates=(), dtype=None):
    """pandas.read_csv (Arrow's parser inside pandas, 2 threads) with the dates parsed.

    Dates are parsed after the read, not by read_csv's parse_dates: with pandas 2.3 and the pyarrow
    engine, parse_dates turns the empty cells of a date column with gaps (resolved_on, valid_to) into
    the text "None"."""
    df = pd.read_csv(f"{data_dir}/{name}.csv", usecols=usecols, dtype=dtype, engine="pyarrow")
    for c in dates:
        if not pd.api.types.is_datetime64_any_dtype(df[c]):
            df[c] = pd.to_datetime(df[c], format="%Y-%m-%d")
    return df


def days(col):
    """Day numbers (days since 1970-01-01) of a date column, and the mask of its empty cells."""
    s = col if pd.api.types.is_datetime64_any_dtype(col) else pd.to_datetime(col, format="%Y-%m-%d")
    out = s.to_numpy(dtype="datetime64[D]").astype(np.int64)
    return out, s.isna().to_numpy()


def cents(col):
    """Money as exact integer cents (amounts have two decimals); NaN stays a mask."""
    v = col.to_numpy(dtype=np.float64)
    missing = np.isnan(v)
    return np.where(missing, 0, np.rint(v * 100)).astype(np.int64), missing


def add_months(d: dt.date, n: int) -> dt.date:
    total = d.year * 12 + (d.month - 1) + n
    y, m = divmod(total, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def daynum(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


# ---------------------------------------------------------------- features

def profile(data_dir: str, as_of: dt.date) -> pd.DataFrame:
    A, Y, Q = daynum(as_of), daynum(add_months(as_of, -12)), daynum(add_months(as_of, -3))

    # Customers: a row for each created on or before as-of (or without created_on).
    cu = read(data_dir, "customers", ["customer_id", "country", "sector", "size_class", "region",
                                       "payment_terms_days", "category", "created_on"], ["created_on"],
              dtype={"customer_id": str, "country": str, "sector": str, "size_class": str, "region": str,
                     "category": str})
    created, no_created = days(cu["created_on"])
    cu = cu.loc[no_created | (created <= A)].reset_index(drop=True)
    created, no_created = days(cu["created_on"])
    cust_index = pd.Index(cu["customer_id"])
    n = len(cu)
    out = pd.DataFrame({"customer_id": cu["customer_id"]})
    for c in ("country", "sector", "size_class", "region", "category"):
        out[f"cust_{c}"] = cu[c].where(cu[c].fillna("") != "", None)
    terms = cu["payment_terms_days"].astype("float64")
    out["cust_payment_terms_days"] = terms
    out["cust_tenure_days"] = np.where(no_created, np.nan, A - created)
    out["cust_payment_terms_missing"] = terms.isna().astype(np.int64)
    out["cust_tenure_missing"] = no_created.astype(np.int64)

    def put(series, name, fill=np.nan):
        """Aligns a per-customer-code Series to the rows; customers without records get `fill`."""
        out[name] = series.reindex(np.arange(n)).fillna(fill).to_numpy() if fill is not None else \
            series.reindex(np.arange(n)).to_numpy()

    # Invoices issued on or before as-of.
    inv = read(data_dir, "invoices", ["invoice_id", "customer_id", "issue_date", "due_date", "amount"],
               ["issue_date", "due_date"], dtype={"invoice_id": str, "customer_id": str})
    inv["issue"], _ = days(inv["issue_date"])
    inv["due"], _ = days(inv["due_date"])
    inv["amt"], _ = cents(inv["amount"])
    inv["cust"] = cust_index.get_indexer(inv["customer_id"])
    inv = inv.loc[(inv["issue"] <= A) & (inv["cust"] >= 0), ["invoice_id", "cust", "issue", "due", "amt"]]
    inv = inv.reset_index(drop=True)
    inv_index = pd.Index(inv["invoice_id"])

    # Payments made on or before as-of on those invoices, in (invoice, paid_on, file) order.
    pay = read(data_dir, "payments", ["invoice_id", "paid_on", "amount"], ["paid_on"], dtype={"invoice_id": str})
    pay["day"], _ = days(pay["paid_on"])
    pay["amt"], _ = cents(pay["amount"])
    pay["inv"] = inv_index.get_indexer(pay["invoice_id"])
    pay = pay.loc[(pay["inv"] >= 0) & (pay["day"] <= A), ["inv", "day", "amt"]]
    pay = pay.sort_values(["inv", "day"], kind="stable").reset_index(drop=True)

    # Per invoice: paid so far and the number of payments.
    by_inv = pay.groupby("inv")["amt"].agg(["sum", "size"])
    inv["paid"] = by_inv["sum"].reindex(inv.index, fill_value=0).to_numpy()
    inv["npay"] = by_inv["size"].reindex(inv.index, fill_value=0).to_numpy()
    inv["open"] = inv["amt"] - inv["paid"]
    pos = inv["amt"].to_numpy() > 0

    # ---- payment behaviour: the settlement of each positive invoice (first time its payments cover it)
    pp = pay.loc[pos[pay["inv"].to_numpy()]].copy()
    pp["cum"] = pp.groupby("inv")["amt"].cumsum()
    pp["k"] = pp.groupby("inv").cumcount() + 1
    inv_amt = inv["amt"].to_numpy()
    settled = pp.loc[pp["cum"].to_numpy() >= inv_amt[pp["inv"].to_numpy()]].drop_duplicates("inv", keep="first")
    si = settled["inv"].to_numpy()
    paid = pd.DataFrame({
        "cust": inv["cust"].to_numpy()[si],
        "settled": settled["day"].to_numpy(),
        "late": settled["day"].to_numpy() - inv["due"].to_numpy()[si],
        "topay": settled["day"].to_numpy() - inv["issue"].to_numpy()[si],
        "amt": inv_amt[si],
        "partial": (settled["k"].to_numpy() >= 2).astype(np.int64),
    })
    paid["wlate"] = paid["amt"] * paid["late"]  # exact: int64 cents × days
    paid["wtopay"] = paid["amt"] * paid["topay"]

    for w, lo in (("12m", Y), ("all", None)):
        p = paid if lo is None else paid.loc[paid["settled"] > lo]
        p = p.assign(l0=(p["late"] > 0).astype(np.int64), l30=(p["late"] > 30).astype(np.int64),
                     l60=(p["late"] > 60).astype(np.int64))
        g = p.groupby("cust").agg(n=("amt", "size"), total=("amt", "sum"), wlate=("wlate", "sum"),
                                  wtopay=("wtopay", "sum"), l0=("l0", "sum"), l30=("l30", "sum"),
                                  l60=("l60", "sum"), partial=("partial", "sum"))
        mean = g["wlate"] / g["total"]
        dev = p["late"].to_numpy() - mean.reindex(p["cust"]).to_numpy()
        spread = pd.Series(p["amt"].to_numpy() * dev * dev).groupby(p["cust"].to_numpy()).sum()
        # weighted median: the smallest days late at which 2 × cumulative amount ≥ total
        s = p[["cust", "late", "amt"]].sort_values(["cust", "late"], kind="stable")
        cum = s.groupby("cust")["amt"].cumsum().to_numpy()
        tot = g["total"].reindex(s["cust"]).to_numpy()
        median = s.loc[2 * cum >= tot].drop_duplicates("cust").set_index("cust")["late"]
        put(g["n"], f"pb_{w}_paid_invoices", 0)
        put(g["total"] / 100, f"pb_{w}_paid_amount", 0)
        put(mean, f"pb_{w}_days_late_mean", None)
        put(median.astype(np.float64), f"pb_{w}_days_late_median", None)
        put(np.sqrt(spread / g["total"]), f"pb_{w}_days_late_std", None)
        put(g["l0"] / g["n"], f"pb_{w}_share_late_0", None)
        put(g["l30"] / g["n"], f"pb_{w}_share_late_30", None)
        put(g["l60"] / g["n"], f"pb_{w}_share_late_60", None)
        put(g["wtopay"] / g["total"], f"pb_{w}_days_to_pay_mean", None)
        put(g["partial"] / g["n"], f"pb_{w}_partial_share", None)
        out[f"pb_{w}_missing"] = (out[f"pb_{w}_paid_invoices"] == 0).astype(np.int64)

    def wmean(lo, hi):
        p = paid.loc[(paid["settled"] > lo) & (paid["settled"] <= hi)]
        g = p.groupby("cust")[["wlate", "amt"]].sum()
        return g["wlate"] / g["amt"]
    trend = wmean(Q, A) - wmean(Y, Q)  # NaN unless both periods have a paid invoice
    put(trend, "pb_trend_days_late", None)
    out["pb_trend_missing"] = out["pb_trend_days_late"].isna().astype(np.int64)

    # slope of days late on the settlement day (amount-weighted least squares), days per month;
    # needs >= 6 paid invoices spanning >= 90 days
    q = paid[["cust", "settled", "late", "amt"]].copy()
    g = q.groupby("cust").agg(n=("amt", "size"), first=("settled", "min"), last=("settled", "max"))
    q["t"] = (q["settled"] - g["first"].reindex(q["cust"]).to_numpy()).astype(np.float64)
    q["w"] = q["amt"].astype(np.float64)
    q["wt"], q["wd"] = q["w"] * q["t"], q["w"] * q["late"]
    s = q.groupby("cust")[["w", "wt", "wd"]].sum()
    tbar = (s["wt"] / s["w"]).reindex(q["cust"]).to_numpy()
    dbar = (s["wd"] / s["w"]).reindex(q["cust"]).to_numpy()
    q["xy"], q["xx"] = q["w"] * (q["t"] - tbar) * (q["late"] - dbar), q["w"] * (q["t"] - tbar) ** 2
    m = q.groupby("cust")[["xy", "xx"]].sum()
    ok = (g["n"] >= 6) & (g["last"] - g["first"] >= 90) & (m["xx"] > 0)
    put((m["xy"] / m["xx"] * 30.4375).where(ok), "pb_slope_days_late", None)
    out["pb_slope_missing"] = out["pb_slope_days_late"].isna().astype(np.int64)

    # ---- regularity: positive payments on positive invoices in the last 12 months, by distinct date
    rp = pay.loc[pos[pay["inv"].to_numpy()] & (pay["amt"].to_numpy() > 0) & (pay["day"].to_numpy() > Y)]
    rp = pd.DataFrame({"cust": inv["cust"].to_numpy()[rp["inv"].to_numpy()], "day": rp["day"].to_numpy()})
    per_date = rp.groupby(["cust", "day"]).size().rename("k").reset_index()
    dates = (EPOCH + per_date["day"].to_numpy().astype("timedelta64[D]"))
    di = pd.DatetimeIndex(dates)
    theta = 2 * np.pi * (di.day.to_numpy() - 1) / di.days_in_month.to_numpy()
    per_date["dom"] = di.day.to_numpy()
    per_date["cos"], per_date["sin"] = np.cos(theta), np.sin(theta)
    per_date["batched"] = np.where(per_date["k"] >= 3, per_date["k"], 0)
    g = per_date.groupby("cust").agg(distinct=("k", "size"), payments=("k", "sum"), batched=("batched", "sum"),
                                     c=("cos", "sum"), s=("sin", "sum"))
    modal = (per_date.groupby(["cust", "dom"]).size().rename("m").reset_index()
             .sort_values(["cust", "m", "dom"], ascending=[True, False, True], kind="stable")
             .drop_duplicates("cust").set_index("cust"))
    ok = g["distinct"] >= 3
    put(g["distinct"], "reg_payment_days", 0)
    put(np.minimum(1.0, np.sqrt(g["c"] ** 2 + g["s"] ** 2) / g["distinct"]).where(ok), "reg_day_concentration", None)
    put(modal["dom"].astype(np.float64).where(ok), "reg_modal_day", None)
    put((modal["m"] / g["distinct"]).where(ok), "reg_modal_day_share", None)
    put((g["batched"] / g["payments"]).where(ok), "reg_batch_share", None)
    out["reg_missing"] = (out["reg_payment_days"] < 3).astype(np.int64)

    # ---- exposure
    open_ = inv["open"].to_numpy()
    dpd = A - inv["due"].to_numpy()
    op = inv.loc[pos & (open_ > 0), ["cust", "open", "npay"]].assign(dpd=dpd[pos & (open_ > 0)])
    op["b"] = np.select([op["dpd"] <= 0, op["dpd"] <= 30, op["dpd"] <= 60, op["dpd"] <= 90], [0, 1, 2, 3], 4)
    buckets = op.pivot_table(index="cust", columns="b", values="open", aggfunc="sum", fill_value=0)
    buckets = buckets.reindex(columns=range(5), fill_value=0)
    gross = buckets.sum(axis=1)
    od = op.loc[op["dpd"] > 0].groupby("cust").agg(overdue=("open", "sum"), oldest=("dpd", "max"))
    put(inv.groupby("cust")["open"].sum() / 100, "ar_open", 0)
    put(od["overdue"] / 100, "ar_overdue", 0)
    put(op.groupby("cust").size(), "ar_open_invoices", 0)
    put((op["npay"] > 0).groupby(op["cust"]).sum(), "ar_partially_paid_invoices", 0)
    put(od["oldest"], "ar_oldest_days_past_due", 0)
    put(inv.loc[inv["amt"] < 0].groupby("cust")["open"].sum() / 100, "ar_open_credit_notes", 0)
    for b, name in enumerate(("current", "1_30", "31_60", "61_90", "91_plus")):
        put((buckets[b] / gross).where(gross > 0), f"ar_share_{name}", None)
    put(gross, "gross_open_tmp", 0)
    out["ar_aging_missing"] = (out.pop("gross_open_tmp") <= 0).astype(np.int64)

    # ---- disputes: opened on or before as-of on the customer's invoices issued on or before it
    ds = read(data_dir, "disputes", ["invoice_id", "opened_on", "resolved_on", "reason"], ["opened_on", "resolved_on"],
              dtype={"invoice_id": str, "reason": str})
    ds["opened"], _ = days(ds["opened_on"])
    resolved, unresolved = days(ds["resolved_on"])
    ds["resolved"] = np.where(unresolved, NEVER, resolved)
    ds["inv"] = inv_index.get_indexer(ds["invoice_id"])
    ds = ds.loc[(ds["inv"] >= 0) & (ds["opened"] <= A)]
    ds = ds.assign(cust=inv["cust"].to_numpy()[ds["inv"].to_numpy()])
    reason = ds["reason"].fillna("").str.strip(" \t").str.lower()
    ds = ds.assign(col=reason.map({"wrong address": "wrong_address", "missing po": "missing_po",
                                   "missing po number": "missing_po", "price": "price", "quality": "quality",
                                   "quantity": "quantity"}).fillna("other"))
    d12 = ds.loc[ds["opened"] > Y]
    issued12 = inv.loc[pos & (inv["issue"].to_numpy() > Y)].groupby("cust").size().reindex(np.arange(n), fill_value=0)
    put(d12.groupby("cust").size(), "dsp_12m_count", 0)
    out["dsp_12m_rate"] = (out["dsp_12m_count"] / issued12.to_numpy()).where(issued12.to_numpy() > 0)
    out["dsp_rate_missing"] = (issued12.to_numpy() == 0).astype(np.int64)
    put(ds.loc[ds["resolved"] > A].groupby("cust").size(), "dsp_open", 0)
    issued_all = inv.loc[pos].groupby("cust").size().reindex(np.arange(n), fill_value=0).to_numpy()
    disputes_all = ds.groupby("cust").size().reindex(np.arange(n), fill_value=0).to_numpy()
    out["dsp_all_rate"] = np.where(issued_all > 0, disputes_all / np.maximum(issued_all, 1), 0.0)
    by_reason = d12.groupby(["cust", "col"]).size().unstack(fill_value=0)
    for r in ("wrong_address", "missing_po", "price", "quality", "quantity", "other"):
        put(by_reason[r] if r in by_reason else pd.Series(dtype=np.int64), f"dsp_12m_{r}", 0)

    # ---- orders placed in the last 12 months
    od = read(data_dir, "orders", ["customer_id", "ordered_on", "status"], ["ordered_on"],
              dtype={"customer_id": str, "status": str})
    od["day"], _ = days(od["ordered_on"])
    od = od.loc[(od["day"] > Y) & (od["day"] <= A)]
    status = od["status"].fillna("").str.lower()
    o = pd.DataFrame({"cust": cust_index.get_indexer(od["customer_id"]),
                      "refused": (status == "refused").to_numpy().astype(np.int64),
                      "blocked": (status == "blocked").to_numpy().astype(np.int64)})
    o = o.loc[o["cust"] >= 0].groupby("cust").agg(count=("refused", "size"), refused=("refused", "sum"),
                                                     blocked=("blocked", "sum"))
    put(o["count"], "ord_12m_count", 0)
    put(o["refused"], "ord_12m_refused", 0)
    put(o["blocked"], "ord_12m_blocked", 0)
    put((o["refused"] + o["blocked"]) / o["count"], "ord_12m_refused_blocked_share", None)
    out["ord_missing"] = (out["ord_12m_count"] == 0).astype(np.int64)

    # ---- external: agency ratings
    ra = read(data_dir, "ratings", ["customer_id", "agency", "rated_on", "score", "rating", "scale_min", "scale_max",
                                    "recommended_limit"], ["rated_on"],
              dtype={"customer_id": str, "agency": str, "rating": str, "score": np.float64,
                     "scale_min": np.float64, "scale_max": np.float64, "recommended_limit": np.float64})
    ra["day"], _ = days(ra["rated_on"])
    ra["cust"] = cust_index.get_indexer(ra["customer_id"])
    ra["agency"] = ra["agency"].fillna("")
    ra = ra.loc[(ra["cust"] >= 0) & (ra["day"] <= A)].sort_values(["cust", "day", "agency"], kind="stable")
    put(ra.groupby("cust")["agency"].nunique(), "ext_agencies", 0)
    latest = ra.drop_duplicates("cust", keep="last").set_index("cust")
    rec, rec_missing = cents(latest["recommended_limit"])
    rec = pd.Series(np.where(rec_missing, np.nan, rec / 100), index=latest.index)
    put(rec, "ext_recommended_limit", None)
    out["ext_recommended_limit_missing"] = out["ext_recommended_limit"].isna().astype(np.int64)
    sc, lo, hi = ra["score"], ra["scale_min"], ra["scale_max"]
    usable = np.isfinite(sc) & np.isfinite(lo) & np.isfinite(hi) & (hi > lo)
    ru = ra.loc[usable].assign(norm=((sc - lo) / (hi - lo)).clip(0, 1)[usable], label=ra["rating"].fillna("\0")[usable])
    now = ru.drop_duplicates(["cust", "agency"], keep="last")
    then = ru.loc[ru["day"] <= Y].drop_duplicates(["cust", "agency"], keep="last")
    gnow = now.groupby("cust").agg(score=("norm", "mean"), last=("day", "max"))
    put(gnow["score"], "ext_score_norm", None)
    put(A - gnow["last"], "ext_rating_age_days", None)
    out["ext_score_missing"] = out["ext_score_norm"].isna().astype(np.int64)
    pair = now.merge(then, on=["cust", "agency"], suffixes=("", "_then"))
    pair["change"] = pair["norm"] - pair["norm_then"]
    pair["label_down"] = (pair["label"] != pair["label_then"]) & (pair["norm"] < pair["norm_then"])
    gch = pair.groupby("cust").agg(change=("change", "mean"), label_down=("label_down", "any"))
    put(gch["change"], "ext_score_change_12m", None)
    put(((gch["change"] < -0.1) | gch["label_down"]).astype(np.float64), "ext_downgrade", None)
    out["ext_change_missing"] = out["ext_score_change_12m"].isna().astype(np.int64)

    # ---- external: insurer limits (per insurer the latest valid_from ≤ day, if still valid; summed)
    li = read(data_dir, "limits", ["customer_id", "insurer", "valid_from", "limit_amount", "valid_to"],
              ["valid_from", "valid_to"], dtype={"customer_id": str, "insurer": str, "limit_amount": np.float64})
    li["from"], _ = days(li["valid_from"])
    to, open_ended = days(li["valid_to"])
    li["to"] = np.where(open_ended, NEVER, to)
    li["amt"], _ = cents(li["limit_amount"])
    li["cust"] = cust_index.get_indexer(li["customer_id"])
    li["insurer"] = li["insurer"].fillna("")
    li = li.loc[li["cust"] >= 0].sort_values(["cust", "from", "insurer"], kind="stable")

    def limit_on(day):
        cur = li.loc[li["from"] <= day].drop_duplicates(["cust", "insurer"], keep="last")
        return cur.loc[cur["to"] >= day].groupby("cust")["amt"].sum()  # absent: no insurer's row valid

    lim_now, lim_then = limit_on(A), limit_on(Y)
    ar_open_cents = inv.groupby("cust")["open"].sum().reindex(np.arange(n), fill_value=0)
    put(lim_now / 100, "ins_limit", None)
    put((lim_now == 0).astype(np.float64), "ins_limit_withdrawn", None)
    out["ins_limit_missing"] = out["ins_limit"].isna().astype(np.int64)
    pos_now = lim_now.loc[lim_now > 0]
    put(ar_open_cents.reindex(pos_now.index) / pos_now, "ins_utilisation", None)
    out["ins_utilisation_missing"] = out["ins_utilisation"].isna().astype(np.int64)
    pos_then = lim_then.loc[lim_then > 0]
    both = lim_now.index.intersection(pos_then.index)
    put((lim_now.reindex(both) - pos_then.reindex(both)) / pos_then.reindex(both), "ins_limit_change_12m", None)
    out["ins_change_missing"] = out["ins_limit_change_12m"].isna().astype(np.int64)

    # ---- CRM pipeline: opportunities expected to close after as-of
    opp = read(data_dir, "opportunities", ["customer_id", "expected_amount", "expected_close"], ["expected_close"],
               dtype={"customer_id": str, "expected_amount": np.float64})
    close, no_close = days(opp["expected_close"])
    amt, _ = cents(opp["expected_amount"])
    o = pd.DataFrame({"cust": cust_index.get_indexer(opp["customer_id"]), "amt": amt})
    o = o.loc[(o["cust"] >= 0) & ~no_close & (close > A)].groupby("cust")["amt"].agg(["sum", "size"])
    put(o["sum"] / 100, "crm_open_pipeline", 0)
    put(o["size"], "crm_open_opportunities", 0)

    return out[["customer_id"] + [f for f, _ in FEATURES]]


# ---------------------------------------------------------------- check against Solvent

def read_table(path: str) -> pd.DataFrame:
    """A profile table as written (empty cell = missing), numbers parsed round-trip exactly."""
    exact = {"float_precision": "round_trip"} if int(pd.__version__.split(".")[0]) < 3 else {}  # pandas 3: the default
    return pd.read_csv(path, dtype={"customer_id": str}, keep_default_na=False, na_values=[""],
                       **exact).set_index("customer_id")


def check(solvent_csv: str, source: str, as_of: dt.date) -> int:
    """Compares Solvent's table with pandas' computed from DATA_DIR (or read from a table pandas wrote)."""
    ours = read_table(source) if os.path.isfile(source) else profile(source, as_of).set_index("customer_id")
    theirs = read_table(solvent_csv)
    bad = []
    if set(ours.index) != set(theirs.index):
        print(f"customer ids differ: {len(set(ours.index) ^ set(theirs.index))} in one table only")
        bad.append("customer_id")
    ids = ours.index.intersection(theirs.index)
    missing_cols = [f for f, _ in FEATURES if f not in theirs.columns]
    print(f"check on {len(ids):,} customers: max |pandas − Solvent| per feature "
          f"(counts, flags, amounts, whole days exact; the rest within 1e-9)")
    for f, kind in FEATURES:
        if f in missing_cols:
            print(f"  {f:32s} not in Solvent's table")
            bad.append(f)
            continue
        a, b = ours.loc[ids, f], theirs.loc[ids, f]
        if kind == "cat":
            diff = int((a.fillna("\0").astype(str) != b.fillna("\0").astype(str)).sum())
            ok = diff == 0
            shown = f"{diff} differing" if diff else "equal"
        else:
            a, b = a.astype(np.float64).to_numpy(), b.astype(np.float64).to_numpy()
            one_missing = int((np.isnan(a) != np.isnan(b)).sum())
            both = ~np.isnan(a) & ~np.isnan(b)
            d = float(np.max(np.abs(a[both] - b[both]))) if both.any() else 0.0
            ok = one_missing == 0 and (d == 0 if kind == "int" else d <= 1e-9)
            shown = f"{d:.3g}" + (f", missing on one side: {one_missing}" if one_missing else "")
            if not ok:
                idx = np.flatnonzero((np.isnan(a) != np.isnan(b)) | (both & (np.abs(np.nan_to_num(a - b)) > (0 if kind == "int" else 1e-9))))
                for k in idx[:3]:
                    shown += f"\n      e.g. {ids[k]}: pandas {float(a[k])!r}, Solvent {float(b[k])!r}"
        print(f"  {f:32s} {shown}{'' if ok else '   <-- DISAGREE'}")
        if not ok:
            bad.append(f)
    print(f"pandas computes {len(FEATURES)} of {len(FEATURES) + len(LEFT_OUT)} features"
          + (f" (left out: {', '.join(LEFT_OUT)})" if LEFT_OUT else ""))
    if bad:
        print(f"DISAGREE on {len(bad)} feature(s): {', '.join(bad)}")
        return 1
    print(f"agree: all {len(FEATURES)} features")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", metavar="SOLVENT_PROFILE_CSV")
    ap.add_argument("--as-of", default="2026-10-31")
    ap.add_argument("--features", action="store_true", help="print 'N M' (features computed, catalogue size) and exit")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)
    if args.features:
        print(len(FEATURES), len(FEATURES) + len(LEFT_OUT))
        return 0
    if args.check:
        if len(args.paths) != 1:
            ap.error("--check SOLVENT_PROFILE.csv DATA_DIR|PANDAS_PROFILE.csv")
        return check(args.check, args.paths[0], as_of)
    if len(args.paths) != 2:
        ap.error("DATA_DIR OUT.csv")
    started = time.perf_counter()
    table = profile(args.paths[0], as_of)
    table.to_csv(args.paths[1], index=False)
    print(f"pandas profile {as_of}: {len(table):,} customers × {len(FEATURES)} features "
          f"({time.perf_counter() - started:.2f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
