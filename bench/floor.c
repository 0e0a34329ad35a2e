/*
 * The floor of the library we chose: read the demo's sales.csv and write every order line's
 * detail cells into one worksheet with libxlsxwriter in constant_memory mode, nothing else.
 *
 *   cc -O2 -o floor bench/floor.c -lxlsxwriter
 *   floor SALES.csv OUT.xlsx
 *
 * Cells per order line (11, as many as the region workbooks' order-line sheet holds):
 *   date (date), order id (text), line no (number), employee id (text), customer id (text),
 *   customer name (text), product (text), quantity (number), unit price (money),
 *   amount (money), remitted (money).
 * The CSV is UTF-8, comma-separated, first line a header; quoted fields follow RFC 4180
 * minimally ("" inside quotes is one quote; a quoted field may hold commas and line breaks).
 * A value that does not parse as a number or a date is written as text, as a careful tool would.
 * Temporary files go to $TMPDIR when it is set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <xlsxwriter.h>

#define MAXF 32

static char *buf;            /* one record, unquoted fields NUL-terminated in place */
static size_t cap;

/* Reads one record; returns the number of fields, 0 at end of file. */
static int read_record(FILE *f, char **fields) {
    size_t n = 0;
    int nf = 0, c, inq = 0, start = 1;
    size_t fstart = 0;
    for (;;) {
        c = getc_unlocked(f);
        if (c == EOF) { if (n == 0 && nf == 0 && start) return 0; break; }
        if (n + 2 >= cap) { cap = cap ? cap * 2 : 4096; buf = realloc(buf, cap); if (!buf) exit(3); }
        if (inq) {
            if (c == '"') {
                int d = getc_unlocked(f);
                if (d == '"') { buf[n++] = '"'; continue; }
                inq = 0;
                if (d == EOF) break;
                c = d; /* fall through to the unquoted handling of d */
            } else { buf[n++] = (char)c; continue; }
        }
        if (c == '"' && n == fstart) { inq = 1; start = 0; continue; }
        if (c == ',') {
            buf[n++] = 0;
            if (nf < MAXF) fields[nf++] = (char *)(uintptr_t)fstart;
            fstart = n; start = 0; continue;
        }
        if (c == '\n') break;
        if (c == '\r') continue;
        buf[n++] = (char)c; start = 0;
    }
    buf[n] = 0;
    if (nf < MAXF) fields[nf++] = (char *)(uintptr_t)fstart;
    for (int i = 0; i < nf; i++) fields[i] = buf + (uintptr_t)fields[i];
    return nf;
}

static int parse_date(const char *s, lxw_datetime *d) {
    int y, m, dd; char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3) return 0;
    if (m < 1 || m > 12 || dd < 1 || dd > 31) return 0;
    d->year = y; d->month = m; d->day = dd; d->hour = 0; d->min = 0; d->sec = 0;
    return 1;
}

static int parse_num(const char *s, double *v) {
    char *end;
    if (!*s) return 0;
    *v = strtod(s, &end);
    return *end == 0;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor SALES.csv OUT.xlsx\n"); return 1; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    static char iobuf[1 << 20];
    setvbuf(f, iobuf, _IOFBF, sizeof iobuf);

    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = getenv("TMPDIR"), .use_zip64 = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
    if (!wb) { fprintf(stderr, "cannot create %s\n", argv[2]); return 2; }
    lxw_worksheet *ws = workbook_add_worksheet(wb, "订单明细");
    lxw_format *datef = workbook_add_format(wb); format_set_num_format(datef, "yyyy-mm-dd");
    lxw_format *money = workbook_add_format(wb); format_set_num_format(money, "#,##0.00");
    lxw_format *bold = workbook_add_format(wb); format_set_bold(bold);

    /* column in sales.csv for each written cell, and its kind: d date, t text, n number, m money */
    static const int src[11] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    static const char kind[11] = {'d', 't', 'n', 't', 't', 't', 't', 'n', 'm', 'm', 'm'};

    char *fields[MAXF];
    int nf = read_record(f, fields);
    if (nf < 11) { fprintf(stderr, "%s: expected at least 11 columns in the header\n", argv[1]); return 2; }
    for (int c = 0; c < 11; c++) worksheet_write_string(ws, 0, c, fields[src[c]], bold);

    lxw_row_t row = 1;
    long lines = 0;
    while ((nf = read_record(f, fields)) > 0) {
        if (nf == 1 && fields[0][0] == 0) continue; /* blank line */
        for (int c = 0; c < 11; c++) {
            const char *s = src[c] < nf ? fields[src[c]] : "";
            lxw_datetime d; double v;
            switch (kind[c]) {
            case 'd':
                if (parse_date(s, &d)) worksheet_write_datetime(ws, row, c, &d, datef);
                else worksheet_write_string(ws, row, c, s, NULL);
                break;
            case 'n': case 'm':
                if (parse_num(s, &v)) worksheet_write_number(ws, row, c, v, kind[c] == 'm' ? money : NULL);
                else worksheet_write_string(ws, row, c, s, NULL);
                break;
            default:
                if (*s) worksheet_write_string(ws, row, c, s, NULL);
            }
        }
        row++; lines++;
        if (row > 1048575) { /* Excel's row limit: continue on the next sheet, as the tool does */
            char name[32];
            snprintf(name, sizeof name, "订单明细 (%ld)", lines / 1048575 + 1);
            ws = workbook_add_worksheet(wb, name);
            row = 0;
        }
    }
    fclose(f);
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) { fprintf(stderr, "workbook_close: %s\n", lxw_strerror(e)); return 4; }
    fprintf(stderr, "floor: %ld order lines written to %s\n", lines, argv[2]);
    return 0;
}
