//! Calendar months: the model's time step. Hours per month come from the real calendar
//! (28–31 days), so a contract's GPU-hours match what a provider would invoice.

use super::units::Hours;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar month, e.g. 2026-06. Serialized as the string `"YYYY-MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    /// 1..=12
    month: u8,
}

impl YearMonth {
    /// A month; `None` if `month` is not 1..=12 or the year is outside 1900..=2200.
    pub fn new(year: i32, month: u8) -> Option<Self> {
        ((1..=12).contains(&month) && (1900..=2200).contains(&year)).then_some(Self { year, month })
    }

    /// The calendar year.
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The month of the year, 1 (January) to 12 (December).
    pub const fn month(self) -> u8 {
        self.month
    }

    /// The month `n` months after this one.
    #[must_use]
    pub fn plus(self, n: u32) -> Self {
        let index = i64::from(self.year) * 12 + i64::from(self.month - 1) + i64::from(n);
        Self { year: (index / 12) as i32, month: (index % 12) as u8 + 1 }
    }

    /// Days in this month (Gregorian leap years).
    pub fn days(self) -> u32 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 if is_leap(self.year) => 29,
            2 => 28,
            _ => 31,
        }
    }

    /// Wall-clock hours in this month (days × 24).
    pub fn hours(self) -> Hours {
        Hours(f64::from(self.days() * 24))
    }

    /// Day of the week of this month's first day: 0 = Monday … 6 = Sunday.
    pub fn first_weekday(self) -> u32 {
        // Days since 1970-01-01 (a Thursday), from Hinnant's days-from-civil algorithm.
        let (y, m) = (i64::from(self.year), i64::from(self.month));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        (days + 3).rem_euclid(7) as u32
    }

    /// Days from 1 January to this month's first day in a non-leap year (0 for January): the
    /// index of the month into a typical 365-day year.
    pub const fn typical_year_offset_days(self) -> u32 {
        const CUMULATIVE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        CUMULATIVE[self.month as usize - 1]
    }

    /// A short label such as "Jun 2026".
    pub fn label(self) -> String {
        const NAMES: [&str; 12] =
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        format!("{} {}", NAMES[usize::from(self.month - 1)], self.year)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || format!("expected a month as \"YYYY-MM\" between 1900-01 and 2200-12, got {s:?}");
        let (y, m) = s.split_once('-').ok_or_else(err)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(err());
        }
        let year = y.parse().map_err(|_| err())?;
        let month = m.parse().map_err(|_| err())?;
        Self::new(year, month).ok_or_else(err)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_arithmetic_crosses_years() {
        let jun = YearMonth::new(2026, 6).unwrap();
        assert_eq!(jun.plus(35).to_string(), "2029-05");
        assert_eq!(jun.plus(7).label(), "Jan 2027");
    }

    #[test]
    fn days_follow_the_gregorian_calendar() {
        assert_eq!(YearMonth::new(2028, 2).unwrap().days(), 29);
        assert_eq!(YearMonth::new(2100, 2).unwrap().days(), 28);
        assert_eq!(YearMonth::new(2000, 2).unwrap().days(), 29);
        assert_eq!(YearMonth::new(2026, 6).unwrap().hours(), Hours(720.0));
        // June 2026 .. May 2029 spans one leap day (Feb 2028): 1096 days.
        let start = YearMonth::new(2026, 6).unwrap();
        let days: u32 = (0..36).map(|m| start.plus(m).days()).sum();
        assert_eq!(days, 365 * 3 + 1);
    }

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2026-06".parse::<YearMonth>().unwrap(), YearMonth::new(2026, 6).unwrap());
        for bad in ["2026-13", "2026-6", "26-06", "", "abcd-ef", "1800-01"] {
            assert!(bad.parse::<YearMonth>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn weekdays_and_typical_year_offsets() {
        // 2026-06-01 is a Monday; 2024-02-01 a Thursday; 2000-03-01 a Wednesday.
        assert_eq!(YearMonth::new(2026, 6).unwrap().first_weekday(), 0);
        assert_eq!(YearMonth::new(2024, 2).unwrap().first_weekday(), 3);
        assert_eq!(YearMonth::new(2000, 3).unwrap().first_weekday(), 2);
        assert_eq!(YearMonth::new(2026, 3).unwrap().typical_year_offset_days(), 59);
    }
}
