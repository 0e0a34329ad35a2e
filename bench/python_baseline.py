#!/usr/bin/env python3
"""What a user would otherwise script: csv + XlsxWriter (constant_memory) writing the same
detail cells as bench/floor.c, one row per order line of the demo's sales.csv.

    python_baseline.py SALES.csv OUT.xlsx

Cells: date (date), order id, line no, employee id, customer id, customer name, product,
quantity, unit price (money), amount (money), remitted (money). Values that do not parse are
written as text. Temporary files go to $TMPDIR when it is set.
"""
import csv
import datetime
import os
import sys

import xlsxwriter

EXCEL_ROWS = 1_048_576


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: python_baseline.py SALES.csv OUT.xlsx")
    src, out = sys.argv[1], sys.argv[2]
    opts = {"constant_memory": True, "use_zip64": True}
    if os.environ.get("TMPDIR"):
        opts["tmpdir"] = os.environ["TMPDIR"]
    wb = xlsxwriter.Workbook(out, opts)
    datef = wb.add_format({"num_format": "yyyy-mm-dd"})
    money = wb.add_format({"num_format": "#,##0.00"})
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet("订单明细")
    kinds = "dtnttttnmmm"

    def number(s):
        try:
            return float(s)
        except ValueError:
            return None

    with open(src, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        ws.write_row(0, 0, header[:11], bold)
        row, lines, sheets = 1, 0, 1
        for rec in rd:
            if not rec:
                continue
            for c, k in enumerate(kinds):
                s = rec[c] if c < len(rec) else ""
                if k == "d":
                    try:
                        ws.write_datetime(row, c, datetime.datetime.strptime(s, "%Y-%m-%d"), datef)
                    except ValueError:
                        ws.write_string(row, c, s)
                elif k in "nm":
                    v = number(s)
                    if v is None:
                        ws.write_string(row, c, s)
                    else:
                        ws.write_number(row, c, v, money if k == "m" else None)
                elif s:
                    ws.write_string(row, c, s)
            row += 1
            lines += 1
            if row >= EXCEL_ROWS:  # continue on the next sheet, as the tool does
                sheets += 1
                ws = wb.add_worksheet(f"订单明细 ({sheets})")
                row = 0
    wb.close()
    print(f"python: {lines} order lines written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
