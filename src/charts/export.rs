//! Exports: a chart's data as CSV with exactly the series on screen (units in the headers), and
//! the break-even map's cells. (The pictures: SVG from [`super::draw::export_svg`] and
//! [`super::heatmap::export_svg`], PNG from `ui::export::save_png`; both the same drawing code
//! under a [`super::frame::Frame`] with the title and legend.)

use super::heatmap::MapSpec;
use super::spec::{ChartSpec, SeriesKind};

/// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A number as CSV: the shortest text that reads back to the same value; empty for NaN.
fn number(v: f64) -> String {
    if v.is_finite() {
        v.to_string()
    } else {
        String::new()
    }
}

/// The chart's data: the x axis (a scatter's dot names, then their x values; rounded labels,
/// then the numbers behind them), then one column per visible series (a missing flag counts as
/// visible) headed "name (unit)", one row per category; rows end with CRLF as RFC 4180 asks.
pub fn csv(spec: &ChartSpec, visible: &[bool]) -> String {
    let shown: Vec<usize> =
        (0..spec.series.len()).filter(|k| visible.get(*k).copied().unwrap_or(true)).collect();
    let mut out = vec![field(spec.category_title())];
    out.extend(spec.x_column_title().map(|t| field(&t)));
    out.extend(spec.x_numbers.iter().map(|c| field(&c.name)));
    // A band is two columns, its lower and its upper edge.
    for &k in &shown {
        let title = spec.column_title(k);
        if spec.series[k].kind == SeriesKind::Band {
            out.push(field(&format!("{title}, lower edge")));
            out.push(field(&format!("{title}, upper edge")));
        } else {
            out.push(field(&title));
        }
    }
    let mut text = out.join(",") + "\r\n";
    for (i, label) in spec.x_labels.iter().enumerate() {
        let mut row = vec![field(label)];
        row.extend(spec.x_values.iter().map(|x| number(x.values.get(i).copied().unwrap_or(f64::NAN))));
        row.extend(spec.x_numbers.iter().map(|c| number(c.values.get(i).copied().unwrap_or(f64::NAN))));
        for &k in &shown {
            let series = &spec.series[k];
            if series.kind == SeriesKind::Band {
                row.push(number(series.base.get(i).copied().unwrap_or(f64::NAN)));
            }
            row.push(number(series.values.get(i).copied().unwrap_or(f64::NAN)));
        }
        text += &(row.join(",") + "\r\n");
    }
    text
}

/// The map's cells, one row per cell: x, y (as users see them) and the result (raw units).
pub fn map_csv(spec: &MapSpec) -> String {
    let mut text = [field(&spec.x_title), field(&spec.y_title), field(&spec.result)].join(",") + "\r\n";
    for (j, y) in spec.ys.iter().enumerate() {
        for (i, x) in spec.xs.iter().enumerate() {
            let v = spec.cells.get(j * spec.xs.len() + i).copied().unwrap_or(f64::NAN);
            text += &([number(*x), number(*y), number(v)].join(",") + "\r\n");
        }
    }
    text
}

/// A file name for an export: the chart's id and the extension.
pub fn file_name(id: &str, extension: &str) -> String {
    format!("deal-explorer-{id}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::spec::ValueFormat;
    use crate::model::{evaluate, Scenario};

    #[test]
    fn csv_columns_are_the_charts_series_with_units_and_values_read_back_exactly() {
        let r = evaluate(&Scenario::default()).unwrap();
        let spec = crate::charts::contract::cumulative_spend(&r.contract);
        let text = csv(&spec, &[]);
        let mut lines = text.split("\r\n");
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        assert_eq!(header.len(), 1 + spec.series.len());
        for (k, s) in spec.series.iter().enumerate() {
            assert_eq!(header[k + 1], format!("{} ({})", s.name, spec.unit_of(k)));
        }
        let rows: Vec<Vec<&str>> = lines.filter(|l| !l.is_empty()).map(|l| l.split(',').collect()).collect();
        assert_eq!(rows.len(), spec.x_labels.len());
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(row[0], spec.x_labels[i]);
            for (k, s) in spec.series.iter().enumerate() {
                assert_eq!(row[k + 1].parse::<f64>().unwrap().to_bits(), s.values[i].to_bits());
            }
        }
    }

    #[test]
    fn hidden_series_are_left_out() {
        let r = evaluate(&Scenario::default()).unwrap();
        let spec = crate::charts::contract::cumulative_spend(&r.contract);
        assert!(spec.series.len() >= 2);
        let text = csv(&spec, &[false]);
        let header = text.split("\r\n").next().unwrap();
        assert_eq!(header.split(',').count(), spec.series.len());
        assert!(!header.contains(&spec.series[0].name));
    }

    #[test]
    fn rounded_x_labels_carry_their_numbers_and_right_axis_series_their_plain_names() {
        let mut s = Scenario::default();
        s.uncertainty.samples = 200;
        let spread = crate::model::uncertainty::simulate(&s).unwrap();
        let (k, _) = crate::model::uncertainty::kpi(&s.uncertainty.kpi).unwrap();
        let spec = crate::charts::uncertainty::histogram(&spread, k, true);
        let text = csv(&spec, &[]);
        let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
        let header = lines.next().unwrap();
        assert_eq!(
            header,
            format!(
                "{},Bin from ($ per GPU-hour),Bin to ($ per GPU-hour),Samples in range,Share at or below (Share of samples at or below)",
                spec.x_title
            )
        );
        let bins = &spread.kpis[k].histogram;
        for (row, bin) in lines.zip(bins) {
            let cells: Vec<&str> = row.split(',').collect();
            assert_eq!(cells[1].parse::<f64>().unwrap().to_bits(), bin.low.to_bits(), "{row}");
            assert_eq!(cells[2].parse::<f64>().unwrap().to_bits(), bin.high.to_bits(), "{row}");
        }
        let r = evaluate(&Scenario::default()).unwrap();
        let flow = crate::charts::contract::cash_flow(&r.contract);
        assert!(flow.series.iter().any(|s| s.name.ends_with("(right axis)")));
        assert!(!csv(&flow, &[]).lines().next().unwrap().contains("right axis"));
    }

    #[test]
    fn a_band_gives_both_its_edges() {
        let mut s = Scenario::default();
        s.uncertainty.samples = 100;
        let spread = crate::model::uncertainty::simulate(&s).unwrap();
        let r = evaluate(&s).unwrap();
        let months: Vec<_> = r.training.months.iter().map(|m| m.month).collect();
        let point: Vec<f64> = r.training.months.iter().map(|m| m.cumulative_flop).collect();
        let spec = crate::charts::uncertainty::fan(&spread, &months, &point);
        let outer = &spec.series[0];
        assert_eq!(outer.kind, SeriesKind::Band);
        let text = csv(&spec, &[]);
        let mut lines = text.split("\r\n");
        let header = lines.next().unwrap();
        let edges = [", lower edge", ", upper edge"].map(|e| field(&format!("{}{e}", spec.column_title(0))));
        assert!(
            header.starts_with(&format!("{},{},{},", field(&spec.x_title), edges[0], edges[1])),
            "{header}"
        );
        let last: Vec<&str> = lines.filter(|l| !l.is_empty()).last().unwrap().split(',').collect();
        let n = months.len() - 1;
        assert_eq!(last[1].parse::<f64>().unwrap().to_bits(), outer.base[n].to_bits());
        assert_eq!(last[2].parse::<f64>().unwrap().to_bits(), outer.values[n].to_bits());
        assert!(outer.base[n] < outer.values[n]);
    }

    #[test]
    fn fields_with_commas_or_quotes_are_quoted_and_nan_is_empty() {
        assert_eq!(field("Cost, nominal"), "\"Cost, nominal\"");
        assert_eq!(field("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(field("plain"), "plain");
        assert_eq!(number(f64::NAN), "");
        let map = MapSpec {
            xs: vec![0.0, 1.0],
            ys: vec![2.0],
            cells: vec![1.5, f64::NAN],
            x_title: "Ramp delay (months)".into(),
            y_title: "Gas price ($/MMBtu)".into(),
            result: "Premium ($)".into(),
            format: ValueFormat::Usd,
            level: 0.0,
            current: None,
        };
        assert_eq!(
            map_csv(&map),
            "Ramp delay (months),Gas price ($/MMBtu),Premium ($)\r\n0,2,1.5\r\n1,2,\r\n"
        );
        assert_eq!(file_name("goal-scan", "svg"), "deal-explorer-goal-scan.svg");
    }
}
