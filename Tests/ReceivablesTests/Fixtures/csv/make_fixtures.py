#!/usr/bin/env python3
"""Writes the CSV reader's fixture files (one per RELIABILITY.md ingestion row).

Run from this folder: python3 make_fixtures.py. Written by hand-chosen bytes,
so encodings, BOMs and line endings are exact; the expected results live in
Tests/ReceivablesTests/CSVFixtureTests.swift.
"""

FILES = {
    # Row with too many / too few fields: line 3 has 4 fields, line 4 has 2.
    "field_count.csv": b"invoice_id,customer_id,amount\n"
                       b"A1,C1,10.00\n"
                       b"A2,C2,20.00,extra\n"
                       b"A3,C3\n",
    # Unterminated quote: the quote opens on line 3 and the file runs on.
    "unterminated_quote.csv": b"invoice_id,customer_id,memo\n"
                              b"A1,C1,ok\n"
                              b"A2,C2,\"never closed\n"
                              b"A3,C3,swallowed\n"
                              b"A4,C4,swallowed\n",
    # BOM, CRLF, quoted delimiter, doubled quote, embedded LF and CRLF; then a
    # short row on physical line 8 (record 5).
    "quoted_exact.csv": b"\xef\xbb\xbfinvoice_id,customer_id,memo\r\n"
                        b"A1,C1,\"Smith, John\"\r\n"
                        b"A2,C2,\"say \"\"hi\"\"\"\r\n"
                        b"A3,C3,\"two\nlines\"\r\n"
                        b"A4,C4,\"crlf\r\ninside\"\r\n"
                        b"A5,C5\r\n",
    # Invalid UTF-8: a lone 0xFF in line 3, column 7 (byte offset 22).
    "invalid_utf8.csv": b"id,name\n"
                        b"1,Caf\xc3\xa9\n"
                        b"2,Bad \xff byte\n",
    # CP1252: "Café", "€ 5", "Müller", "Œuvre" in Windows-1252 bytes.
    "cp1252.csv": b"id,name\r\n"
                  b"1,Caf\xe9\r\n"
                  b"2,\x80 5\r\n"
                  b"3,M\xfcller\r\n"
                  b"4,\x8cuvre\r\n",
    # CP1252 undefined byte 0x81 on line 2, column 6.
    "cp1252_undefined.csv": b"id,name\n"
                            b"1,abc\x81\n",
    # Dutch profile: ';' delimiter, 1.234,56 and dd-MM-yyyy.
    "invoices_nl.csv": b"invoice_id;customer_id;issue_date;due_date;amount;currency;channel;po_number\n"
                       b"0000611365;0042;31-01-2026;02-03-2026;1.234,56;EUR;Papier;PO-1\n"
                       b"0000611366;0042;01-02-2026;03-03-2026;-12,50;EUR;Elektronisch;\n",
    # English profile, the same values written the English way.
    "invoices_en.csv": b"invoice_id,customer_id,issue_date,due_date,amount,currency,channel,po_number\n"
                       b"0000611365,0042,2026-01-31,2026-03-02,\"1,234.56\",EUR,paper,PO-1\n",
    # Amounts that Double() would accept: one per line 2..6, column 9.
    "amounts_bad.csv": b"id,code,amount\n"
                       b"1,AAAAA,nan\n"
                       b"2,AAAAA,inf\n"
                       b"3,AAAAA,1e309\n"
                       b"4,AAAAA,0x1p3\n"
                       b"5,AAAAA,12.345\n",
    # Dates under dd-MM-yyyy: 31 February, a two-digit year, a good one.
    "dates_bad.csv": b"id,issue_date\n"
                     b"1,31-02-2026\n"
                     b"2,01-03-26\n"
                     b"3,29-02-2024\n",
    # A bare quote in an unquoted field (line 2, column 5).
    "stray_quote.csv": b"id,name\n"
                       b"1,ab\"c\n",
    # Text after a closing quote (line 2, column 8).
    "text_after_quote.csv": b"id,name\n"
                            b"1,\"abc\"d\n",
    # Blank lines in the middle and at the end are skipped but counted.
    "blank_lines.csv": b"id,name\n"
                       b"1,a\n"
                       b"\n"
                       b"\r\n"
                       b"2,b\n"
                       b"3\n"
                       b"\n",
}

if __name__ == "__main__":
    for name, data in FILES.items():
        with open(name, "wb") as f:
            f.write(data)
