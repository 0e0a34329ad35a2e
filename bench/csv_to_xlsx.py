#!/usr/bin/env python3
"""Writes a CSV file (UTF-8) as a one-sheet .xlsx workbook the way LibreOffice Calc saves an imported CSV: every text
cell a shared string, numbers as numbers, ISO dates as date serials with a yyyy-mm-dd number format, the sheet
streamed into a deflated ZIP entry. Used by `make bench` for the .xlsx sales sheet beside the CSV one. Standard
library only; memory stays at the shared strings.

    csv_to_xlsx.py IN.csv OUT.xlsx [SHEET]
"""
import csv
import datetime
import re
import sys
import zipfile
from xml.sax.saxutils import escape

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
EPOCH = datetime.date(1899, 12, 30)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def col(n):
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def main(src, dst, sheet="Sheet1"):
    strings, index = [], {}
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        rows = 0
        with z.open("xl/worksheets/sheet1.xml", "w") as out, \
                open(src, newline="", encoding="utf-8-sig") as f:
            out.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><sheetData>'.encode())
            buf = []
            for r, record in enumerate(csv.reader(f), start=1):
                rows = r
                cells = []
                for c, v in enumerate(record, start=1):
                    ref = f"{col(c)}{r}"
                    if v == "":
                        continue
                    m = DATE.match(v) if r > 1 else None
                    if m:
                        serial = (datetime.date(int(m[1]), int(m[2]), int(m[3])) - EPOCH).days
                        cells.append(f'<c r="{ref}" s="1" t="n"><v>{serial}</v></c>')
                    elif r > 1 and NUMBER.match(v) and not (len(v) > 1 and v[0] == "0" and v[1] != "."):
                        cells.append(f'<c r="{ref}" s="0" t="n"><v>{v}</v></c>')
                    else:
                        i = index.get(v)
                        if i is None:
                            i = index[v] = len(strings)
                            strings.append(v)
                        cells.append(f'<c r="{ref}" s="0" t="s"><v>{i}</v></c>')
                buf.append(f'<row r="{r}">' + "".join(cells) + "</row>")
                if len(buf) >= 4096:
                    out.write("".join(buf).encode())
                    buf = []
            out.write(("".join(buf) + "</sheetData></worksheet>").encode())
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                   '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                  f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><workbookPr date1904="false"/>'
                                      f'<sheets><sheet name="{escape(sheet)}" sheetId="1" state="visible" r:id="rId2"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
                   f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}>'
                                    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
                                    '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>')
        with z.open("xl/sharedStrings.xml", "w") as out:
            out.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} uniqueCount="{len(strings)}">'.encode())
            for k in range(0, len(strings), 4096):
                out.write("".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings[k:k + 4096]).encode())
            out.write(b"</sst>")
    return rows


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    print(main(*sys.argv[1:4]))
