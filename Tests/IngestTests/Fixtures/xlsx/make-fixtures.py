import html
NS='''xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'''
STY='''<office:automatic-styles>
<number:date-style style:name="N1"><number:year number:style="long"/><number:text>/</number:text><number:month/><number:text>/</number:text><number:day/></number:date-style>
<number:number-style style:name="N2"><number:number number:decimal-places="0" number:min-integer-digits="5"/></number:number-style>
<number:number-style style:name="N3"><number:number number:decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>
<style:style style:name="ce3" style:family="table-cell" style:data-style-name="N3"/>
</office:automatic-styles>'''
def s(v, **kw):
    a=''.join(f' table:{k.replace("_","-")}="{x}"' for k,x in kw.items())
    return f'<table:table-cell office:value-type="string"{a}><text:p>{html.escape(v)}</text:p></table:table-cell>'
def d(iso): return f'<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="{iso}"><text:p>{iso}</text:p></table:table-cell>'
def n(v, style=None):
    st=f' table:style-name="{style}"' if style else ''
    return f'<table:table-cell{st} office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
def b(v): return f'<table:table-cell office:value-type="boolean" office:boolean-value="{"true" if v else "false"}"><text:p>{"TRUE" if v else "FALSE"}</text:p></table:table-cell>'
def f(formula, v): return f'<table:table-cell table:formula="of:={formula}" office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
E='<table:table-cell/>'
def cov(k=1): return f'<table:covered-table-cell table:number-columns-repeated="{k}"/>' if k>1 else '<table:covered-table-cell/>'
def row(*cells): return '<table:table-row>'+''.join(cells)+'</table:table-row>'
def table(name, rows): return f'<table:table table:name="{name}">'+''.join(rows)+'</table:table>'
def doc(tables): return f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">{STY}<office:body><office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body></office:document>'

# Workbook 1: 考勤表 — title row (merged A1:D1), a two-level header: 工号 merged A2:A3, 考勤 merged B2:D2 over 日期/考勤状态/城市;
# dates as date cells; a notes sheet; a visits sheet (several sheets = several files).
att=[row(s('2023年3月考勤表', number_columns_spanned=4), cov(3)),
     row(s('工号', number_rows_spanned=2), s('考勤', number_columns_spanned=3), cov(2)),
     row(cov(), s('日期'), s('考勤状态'), s('城市')),
     row(s('E0001'), d('2023-03-01'), s('在岗'), E),
     row(s('E0001'), d('2023-03-02'), s('出差'), s('广州市')),
     row(s('E0002'), d('2023-03-01'), s('请假'), E),
     row(s('E0002'), s('2023-03-02'), s('出差'), E)]
notes=[row(s('说明')), row(s('本表由人事系统导出'))]
vis=[row(s('日期'), s('员工编号'), s('客户编号'), s('类型')),
     row(d('2023-03-03'), s('E0001'), s('C001'), s('新客户')),
     row(d('2023-03-04'), s('E0002'), n(1002, 'ce2'), s('电话'))]
open('考勤表.fods','w').write(doc([table('考勤', att), table('说明', notes), table('拜访', vis)]))

# Workbook 2: roster with numeric employee ids formatted 00000, hire dates as date cells, a boolean and a formula elsewhere.
ros=[row(s('员工编号'), s('姓名'), s('岗位'), s('区域'), s('入职日期'), s('离职日期')),
     row(n(123,'ce2'), s('石山'), s('销售部长'), s('中央区'), d('2013-01-28'), E),
     row(n(7,'ce2'), s('秦志洋'), s('大客户经理'), s('中央区'), d('2018-01-21'), d('2023-03-15')),
     row(s('E0003'), s('王五'), s('销售代表'), s('东区'), d('2020-02-29'), E)]
open('roster.fods','w').write(doc([table('员工', ros)]))

# Workbook 3: sales with amounts as numbers (one a formula whose cached value carries a binary artefact), a 20-digit order number
# typed as a number (Excel damage), a boolean new_customer.
sal=[row(s('日期'), s('订单号'), s('业务员'), s('客户编号'), s('产品'), s('数量'), s('金额'), s('回款'), s('新客户')),
     row(d('2023-03-01'), s('SO1'), s('E0001'), s('C001'), s('尿素'), n(10), n('1080.5','ce3'), f('0.1+0.2', '0.30000000000000004'), b(True)),
     row(d('2023-03-02'), n('12345678901234567890'), s('E0001'), s('C001'), s('尿素'), n('2.5'), n(100,'ce3'), n(0), b(False)),
     row(d('2023-03-03'), s('SO3'), s('E0001'), s('C002'), s('尿素'), n(1), n('12.345'), E, E)]
open('sales.fods','w').write(doc([table('Sheet1', sal)]))
