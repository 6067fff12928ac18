//! Number formatting with units, shared by KPI cards, chart axes, tooltips and tables:
//! `$1.25B`, `$5.26` per GPU-hour, `8.55B`, `90 %`.

/// A compact magnitude with a suffix: 1.25 K / M / B / T, three significant digits.
pub fn compact(v: f64) -> String {
    compact_to(v, 3)
}

/// [`compact`] with `digits` significant digits (3 there): what tells apart values `compact`
/// writes alike ("$28.21B" and "$28.24B", both "$28.2B").
pub fn compact_to(v: f64, digits: u8) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    let a = v.abs();
    if a >= 1e15 {
        return scientific(v);
    }
    let (scaled, suffix) = if a >= 1e12 {
        (v / 1e12, "T")
    } else if a >= 1e9 {
        (v / 1e9, "B")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e3 {
        (v / 1e3, "K")
    } else {
        (v, "")
    };
    let mantissa = if digits <= 3 { sig3(scaled) } else { significant(scaled, digits) };
    format!("{mantissa}{suffix}")
}

/// Three significant digits, trailing zeros dropped: 45 → "45", 1.25 → "1.25", 123.4 → "123".
pub fn sig3(v: f64) -> String {
    let a = v.abs();
    let decimals = if a >= 100.0 {
        0
    } else if a >= 10.0 {
        1
    } else {
        2
    };
    fixed(v, decimals)
}

/// `v` with `decimals` decimals, trailing zeros (and a bare point) dropped, never "-0" (the
/// model's, which writes values as number boxes show them).
pub use crate::model::fields::fixed;

/// `digits` significant digits in plain decimals, trailing zeros dropped, for numbers a reader
/// types back into a field: 0.294187 → "0.2942", 47.2222 → "47.22", 325.4 → "325.4",
/// 123456 → "123456" (whole digits are never rounded away); scientific beyond ±1e15.
pub fn significant(v: f64, digits: u8) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    if v != 0.0 && !(1e-6..1e15).contains(&v.abs()) {
        return format!("{v:e}");
    }
    let magnitude = if v == 0.0 { 0 } else { v.abs().log10().floor() as i32 };
    let decimals = usize::try_from((i32::from(digits) - 1 - magnitude).clamp(0, 12)).unwrap_or(0);
    fixed(v, decimals)
}

/// Dollars, compact: `$1.25B`, `-$300M`, `$5.26`.
pub fn usd(v: f64) -> String {
    usd_to(v, 3)
}

/// [`usd`] with `digits` significant digits ([`compact_to`]).
pub fn usd_to(v: f64, digits: u8) -> String {
    // A tiny negative that rounds to nothing reads "$0", not "-$0" (a goal seek's answer lands
    // a hair either side of its target).
    let text = compact_to(v.abs(), digits);
    if v < 0.0 && text != "0" {
        format!("-${text}")
    } else {
        format!("${text}")
    }
}

/// A price per accelerator-hour with two decimals: `$5.26`, `-$3.00`, `$1,719.36`.
pub fn usd_per_gpu_hour(v: f64) -> String {
    dollars_and_cents(v, 2)
}

/// Dollars with `decimals` decimals (2 or more), the sign before the dollar sign and commas
/// between thousands.
pub fn dollars_and_cents(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    // A billion or more (no price is; a goal seek's target may be) in short, "$1e20": written
    // out, it read "$100,000,000,000,000,000,000.00" and, past 2^53, with digits that are noise.
    if v.abs() >= 1e9 {
        return usd(v);
    }
    let text = format!("{:.decimals$}", v.abs());
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let sign = if v < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') { "-" } else { "" };
    format!("{sign}${}.{cents}", thousands(whole))
}

/// Whole digits with commas between thousands: "3293" → "3,293".
fn thousands(whole: &str) -> String {
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A count read exactly where it is short enough to (below 100,000: "3,293" racks, not
/// "3.29K"), compact beyond ("325K").
pub fn count(v: f64) -> String {
    if v.is_finite() && v.abs() < 1e5 {
        let text = format!("{:.0}", v.abs());
        let sign = if v < 0.0 && text != "0" { "-" } else { "" };
        format!("{sign}{}", thousands(&text))
    } else {
        compact(v)
    }
}

/// A label (an option's, a series') inside a sentence: its first letter in lower case unless
/// it starts an acronym ("Build your own" → "build your own", "GPU cloud" stays). Labels are
/// the app's own English; ASCII case keeps Unicode's case tables (~4 KB gzip) out of the site.
pub fn in_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_ascii_uppercase() => {
            first.to_ascii_lowercase().to_string() + &label[first.len_utf8()..]
        }
        _ => label.to_owned(),
    }
}

/// Power given in megawatts: `512 MW`, `1.2 GW`.
pub fn megawatts(mw: f64) -> String {
    if !mw.is_finite() {
        "–".to_owned()
    } else if mw.abs() >= 1000.0 {
        format!("{} GW", sig3(mw / 1000.0))
    } else {
        format!("{} MW", sig3(mw))
    }
}

/// Energy given in megawatt-hours: `850 MWh`, `12.6 GWh`, `1.2 TWh`.
pub fn megawatt_hours(mwh: f64) -> String {
    if !mwh.is_finite() {
        "–".to_owned()
    } else if mwh.abs() >= 1e6 {
        format!("{} TWh", sig3(mwh / 1e6))
    } else if mwh.abs() >= 1000.0 {
        format!("{} GWh", sig3(mwh / 1000.0))
    } else {
        format!("{} MWh", sig3(mwh))
    }
}

/// A price per megawatt-hour: `$93.66/MWh`, `$12,955.45/MWh`.
pub fn usd_per_mwh(v: f64) -> String {
    if v.is_finite() {
        format!("{}/MWh", dollars_and_cents(v, 2))
    } else {
        "–".to_owned()
    }
}

/// A FLOP count in scientific notation with three significant digits: `1e26 FLOP`,
/// `3.8e25 FLOP`.
pub fn flop(v: f64) -> String {
    format!("{} FLOP", scientific(v))
}

/// Scientific notation with up to three significant digits: `1e26`, `3.8e25`, `0`.
pub fn scientific(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    if v == 0.0 {
        return "0".to_owned();
    }
    let s = format!("{v:.2e}");
    let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
    let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
    format!("{mantissa}e{exponent}")
}

/// A duration in days: `12.3 days`, `1 day`, or years past two years: `4.1 years`.
pub fn days(d: f64) -> String {
    days_to(d, 3)
}

/// [`days`] with `digits` significant digits (3 there), for durations that read alike.
pub fn days_to(d: f64, digits: u8) -> String {
    let shown = |v: f64| if digits <= 3 { sig3(v) } else { significant(v, digits) };
    if !d.is_finite() {
        "never".to_owned()
    } else if d >= 730.5 {
        format!("{} years", shown(d / 365.25))
    } else if shown(d) == "1" {
        "1 day".to_owned()
    } else {
        format!("{} days", shown(d))
    }
}

/// A fraction as a percentage with up to one decimal: 0.905 → `90.5 %`.
pub fn percent(v: f64) -> String {
    percent_to(v, 1)
}

/// [`percent`] with at least `decimals` decimals (1 there), for shares that read alike: the
/// model's, which the compare view's descriptions use too.
pub use crate::model::fields::percent_to;
use crate::model::fields::whole_or_none;

/// [`percent_precise`] with its three decimals kept, for a column of such shares ("99.870 %"
/// beside "99.869 %"); a share short of the whole never reads "100.000 %".
pub fn percent_column(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    let v = whole_or_none(v);
    let s = format!("{:.3}", v * 100.0);
    if s == "100.000" && v < 1.0 {
        "> 99.999 %".to_owned()
    } else if s == "0.000" && v > 0.0 {
        "< 0.001 %".to_owned()
    } else {
        format!("{s} %")
    }
}

/// A share close to 100 % (an availability) with the digits that tell such shares apart:
/// `0.998_76` → `99.876 %`, 1 → `100 %`, NaN → `–`.
pub fn percent_precise(v: f64) -> String {
    if !v.is_finite() {
        return "–".to_owned();
    }
    let s = format!("{:.3}", v * 100.0);
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    format!("{s} %")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_exactly_below_a_hundred_thousand() {
        assert_eq!(count(3293.0), "3,293");
        assert_eq!(count(999.0), "999");
        assert_eq!(count(-1234.0), "-1,234");
        assert_eq!(count(99_999.0), "99,999");
        assert_eq!(count(325_000.0), "325K");
        assert_eq!(count(f64::NAN), "–");
    }

    #[test]
    fn a_share_short_of_all_or_above_none_never_reads_as_all_or_none() {
        assert_eq!(percent(0.5), "50 %");
        assert_eq!(percent(0.1234), "12.3 %");
        assert_eq!(percent(1.0), "100 %");
        assert_eq!(percent(0.0), "0 %");
        assert_eq!(percent(0.9996), "99.96 %");
        assert_eq!(percent(0.99996), "99.996 %");
        assert_eq!(percent(0.999_999_9), "> 99.999 %");
        // Seven sevenths, summed: all of it up to rounding.
        assert_eq!(percent((0..7).map(|_| 1.0 / 7.0).sum()), "100 %");
        assert_eq!(percent(0.999_999_999_999_999_8), "100 %");
        assert_eq!(percent(1e-9), "< 0.001 %");
        assert_eq!(percent(0.25), "25 %");
        assert_eq!(percent(-0.05), "-5 %");
        assert_eq!(percent(0.0004), "0.04 %");
        assert_eq!(percent(0.995), "99.5 %");
    }

    #[test]
    fn prices_carry_their_sign_and_thousands() {
        assert_eq!(usd_per_gpu_hour(5.264), "$5.26");
        assert_eq!(usd_per_gpu_hour(-3.0), "-$3.00");
        assert_eq!(usd_per_gpu_hour(1719.356), "$1,719.36");
        assert_eq!(usd_per_gpu_hour(-0.001), "$0.00");
        assert_eq!(usd_per_gpu_hour(999_999_999.994), "$999,999,999.99");
        assert_eq!(usd_per_gpu_hour(2.5e9), "$2.5B");
        assert_eq!(usd_per_gpu_hour(1e28), "$1e28");
        assert_eq!(usd_per_mwh(-1e20), "-$1e20/MWh");
        assert_eq!(usd(-1e-6), "$0");
        assert_eq!(usd(-2.5e9), "-$2.5B");
        assert_eq!(usd_per_mwh(12_955.454), "$12,955.45/MWh");
        assert_eq!(usd_per_mwh(1_000_000.0), "$1,000,000.00/MWh");
        assert_eq!(usd_per_gpu_hour(f64::NAN), "–");
    }

    #[test]
    fn significant_digits_for_values_typed_back() {
        assert_eq!(significant(0.294_187, 4), "0.2942");
        assert_eq!(significant(47.222_222, 4), "47.22");
        assert_eq!(significant(2.041_667, 4), "2.042");
        assert_eq!(significant(123_456.7, 4), "123457");
        assert_eq!(significant(5.0, 4), "5");
        assert_eq!(significant(-0.000_04, 3), "-0.00004");
        assert_eq!(significant(0.0, 4), "0");
        assert_eq!(significant(2e15, 4), "2e15");
        // Magnitudes past the trillions are scientific, not "1000000000000T".
        assert_eq!(usd(1e27), "$1e27");
        assert_eq!(compact(2.5e12), "2.5T");
    }

    #[test]
    fn more_digits_tell_close_amounts_apart() {
        assert_eq!(compact_to(28_214_000_000.0, 4), "28.21B");
        assert_eq!(usd_to(-28_214_000_000.0, 5), "-$28.214B");
        // Three digits are `compact` and `usd` exactly.
        for v in [0.55, 12.345, 999.9, 28_214_000_000.0, -3.2e6] {
            assert_eq!(compact_to(v, 3), compact(v));
            assert_eq!(usd_to(v, 3), usd(v));
        }
    }

    #[test]
    fn labels_in_sentences_keep_acronyms() {
        assert_eq!(in_sentence("Build your own"), "build your own");
        assert_eq!(in_sentence("GPU cloud 1-yr contract"), "GPU cloud 1-yr contract");
        assert_eq!(in_sentence("Hyperscaler on-demand"), "hyperscaler on-demand");
        assert_eq!(in_sentence(""), "");
    }

    #[test]
    fn flop_and_days() {
        assert_eq!(flop(1e26), "1e26 FLOP");
        assert_eq!(flop(3.8e25), "3.8e25 FLOP");
        assert_eq!(scientific(2.56e24), "2.56e24");
        assert_eq!(scientific(0.0), "0");
        assert_eq!(days(12.345), "12.3 days");
        assert_eq!(days(1.0), "1 day");
        assert_eq!(days(1461.0), "4 years");
        assert_eq!(days(f64::INFINITY), "never");
    }

    #[test]
    fn availabilities_keep_their_nines() {
        assert_eq!(percent_precise(0.998_76), "99.876 %");
        assert_eq!(percent_precise(1.0), "100 %");
        assert_eq!(percent_precise(0.5), "50 %");
        assert_eq!(percent_precise(f64::NAN), "–");
        assert_eq!(percent_column(0.9987), "99.870 %");
        assert_eq!(percent_column(0.999_999_9), "> 99.999 %");
        assert_eq!(percent_column(1.0), "100.000 %");
        assert_eq!(percent_column(0.999_999_999_999_999_8), "100.000 %");
        assert_eq!(percent_column(1e-7), "< 0.001 %");
        // More decimals where asked, never a bare point.
        assert_eq!(percent_to(0.12, 2), "12 %");
        assert_eq!(percent_to(0.0925, 2), "9.25 %");
        assert_eq!(percent_to(0.125, 2), "12.5 %");
    }

    #[test]
    fn compact_magnitudes() {
        assert_eq!(usd(1.25e9), "$1.25B");
        assert_eq!(usd(45e9), "$45B");
        assert_eq!(usd(123.4e9), "$123B");
        assert_eq!(usd(-3e8), "-$300M");
        assert_eq!(usd(0.0), "$0");
        assert_eq!(compact(8.549e9), "8.55B");
        assert_eq!(compact(1500.0), "1.5K");
        assert_eq!(compact(f64::NAN), "–");
    }

    #[test]
    fn energy() {
        assert_eq!(megawatt_hours(12_575_739.0), "12.6 TWh");
        assert_eq!(megawatt_hours(2_500.0), "2.5 GWh");
        assert_eq!(megawatt_hours(850.0), "850 MWh");
        assert_eq!(usd_per_mwh(93.656), "$93.66/MWh");
    }

    #[test]
    fn prices_and_percentages() {
        assert_eq!(usd_per_gpu_hour(5.2641), "$5.26");
        assert_eq!(percent(0.9), "90 %");
        assert_eq!(percent(0.905), "90.5 %");
        assert_eq!(megawatts(512.4), "512 MW");
        assert_eq!(megawatts(1250.0), "1.25 GW");
    }
}
