package org.festivaloutcomes.report.sheets;

import org.festivaloutcomes.metrics.Metric;
import org.festivaloutcomes.report.Labels;

/** Every metric with its id, name, unit and definition, in the workbook's language. */
final class DefinitionsSheet {

    private DefinitionsSheet() {
    }

    static void write(Book book) {
        Labels l = book.labels;
        Styles st = book.styles;
        SheetBuilder sb = new SheetBuilder(book, l.sheet("definitions"));
        int r = 0;
        sb.loose(r++, 0, l.get("title.definitions"), st.title);
        sb.row(0).setHeightInPoints(24);
        r++;
        int hr = r;
        sb.header(r, 0, l.get("col.metric_id"));
        sb.header(r, 1, l.get("col.name"));
        sb.header(r, 2, l.get("col.unit"));
        sb.header(r, 3, l.get("col.definition"));
        r++;
        for (Metric m : Metric.values()) {
            sb.text(r, 0, m.id(), st.text);
            sb.text(r, 1, l.metricName(m), st.text);
            sb.text(r, 2, l.unit(m.unit()), st.text);
            sb.wrapped(r, 3, l.metricDefinition(m), st.wrap);
            r++;
        }
        sb.table(hr, r - 1, 0, 3);
        sb.fixedWidth(3, 80);
        sb.finish(hr + 1, hr, hr);
    }
}
