//! Partial calendar dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): parsing, calendar checks, ordering.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// A date known to a year, a month or a day, as sources print them ("2019", "November 2001").
///
/// Parsing checks the shape and the calendar: "2001-02-29" is rejected, "2004-02-29" accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a string is not a partial date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected YYYY, YYYY-MM or YYYY-MM-DD")]
    Shape,
    #[error("month {0} does not exist")]
    Month(u8),
    #[error("{year:04}-{month:02} has no day {day}")]
    Day { year: i16, month: u8, day: u8 },
}

/// The precision a partial date is given at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    /// Today's date in UTC from the system clock.
    pub fn today_utc() -> PartialDate {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        PartialDate::from_unix_days((secs / 86_400) as i64)
    }

    /// The Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_unix_days(days: i64) -> PartialDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i16;
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// Parse a full `YYYY-MM-DD` date only.
    pub fn parse_full(s: &str) -> Result<Self, DateError> {
        let d: Self = s.parse()?;
        if d.precision() == Precision::Day {
            Ok(d)
        } else {
            Err(DateError::Shape)
        }
    }

    /// Compare at the coarser of the two precisions: "2019" and "2019-01-05" are equal.
    pub fn cmp_coarse(&self, other: &Self) -> Ordering {
        let key = |d: &Self, p: Precision| -> (i16, u8, u8) {
            match p {
                Precision::Year => (d.year, 0, 0),
                Precision::Month => (d.year, d.month.unwrap_or(0), 0),
                Precision::Day => (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0)),
            }
        };
        let p = self.precision().min(other.precision());
        key(self, p).cmp(&key(other, p))
    }

    /// The date as CSL-JSON `date-parts`: `[year]`, `[year, month]` or `[year, month, day]`.
    pub fn parts(&self) -> Vec<i32> {
        let mut v = vec![i32::from(self.year)];
        v.extend(self.month.map(i32::from));
        v.extend(self.day.map(i32::from));
        v
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub fn days_in_month(year: i16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

fn is_leap(year: i16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn digits<const N: usize>(s: &str) -> Option<u32> {
    (s.len() == N && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut it = s.split('-');
        let year = it.next().and_then(digits::<4>).ok_or(DateError::Shape)? as i16;
        let month = it
            .next()
            .map(|m| digits::<2>(m).ok_or(DateError::Shape))
            .transpose()?;
        let day = it
            .next()
            .map(|d| digits::<2>(d).ok_or(DateError::Shape))
            .transpose()?;
        if it.next().is_some() {
            return Err(DateError::Shape);
        }
        let month = month.map(|m| m as u8);
        let day = day.map(|d| d as u8);
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError::Month(m));
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m))
        {
            return Err(DateError::Day {
                year,
                month: m,
                day: d,
            });
        }
        Ok(PartialDate { year, month, day })
    }
}

/// Room for the text of any date [`PartialDate::text`] writes: `YYYY-MM-DD`.
pub type DateText = [u8; 10];

impl PartialDate {
    /// The date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, written into `buf`: what `Display` writes,
    /// without the formatting machinery, which a release runs for every date of every record in
    /// each of its formats (about 400 instructions a date through `to_string`). `None` for a
    /// year outside 0-9999 or a month or day past 99, which `Display` still writes.
    pub fn text<'b>(&self, buf: &'b mut DateText) -> Option<&'b str> {
        let year = u16::try_from(self.year).ok().filter(|y| *y <= 9999)?;
        let digit = |n: u16| b'0' + (n % 10) as u8;
        buf[..4].copy_from_slice(&[
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
        ]);
        let mut len = 4;
        for part in [self.month, self.day].into_iter().flatten() {
            if part > 99 {
                return None;
            }
            let part = u16::from(part);
            buf[len..len + 3].copy_from_slice(&[b'-', digit(part / 10), digit(part)]);
            len += 3;
        }
        // Only ASCII digits and hyphens were written.
        std::str::from_utf8(&buf[..len]).ok()
    }

    /// Append what `Display` writes to `out`, through [`PartialDate::text`] where it can.
    pub fn append_to(&self, out: &mut Vec<u8>) {
        match self.text(&mut DateText::default()) {
            Some(text) => out.extend_from_slice(text.as_bytes()),
            None => out.extend_from_slice(self.to_string().as_bytes()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self.text(&mut DateText::default()) {
            return f.write_str(text);
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.text(&mut DateText::default()) {
            Some(text) => s.serialize_str(text),
            None => s.collect_str(self),
        }
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text `Display` and `Serialize` give, written without [`PartialDate::text`]'s shortcut,
    /// for years, months and days at and past every edge of the shortcut.
    #[test]
    fn text_is_what_the_formatter_writes() {
        let years = [
            -32768, -1000, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 2019, 9999, 10000, 32767,
        ];
        let parts = [
            None,
            Some(0),
            Some(1),
            Some(9),
            Some(10),
            Some(12),
            Some(31),
            Some(99),
            Some(100),
            Some(255),
        ];
        for year in years {
            for month in parts {
                for day in parts {
                    let d = PartialDate { year, month, day };
                    let mut want = format!("{year:04}");
                    if let Some(m) = month {
                        want.push_str(&format!("-{m:02}"));
                    }
                    if let Some(day) = day {
                        want.push_str(&format!("-{day:02}"));
                    }
                    assert_eq!(d.to_string(), want, "{d:?}");
                    assert_eq!(serde_json::to_value(d).unwrap(), want, "{d:?}");
                    let fits = (0..=9999).contains(&year)
                        && month.unwrap_or(0) <= 99
                        && day.unwrap_or(0) <= 99;
                    let mut buf = DateText::default();
                    let text = d.text(&mut buf);
                    assert_eq!(text, fits.then_some(want.as_str()), "{d:?}");
                    let mut appended = b"x".to_vec();
                    d.append_to(&mut appended);
                    assert_eq!(appended, format!("x{want}").as_bytes(), "{d:?}");
                }
            }
        }
    }

    #[test]
    fn civil_dates_from_days() {
        assert_eq!(PartialDate::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(
            PartialDate::from_unix_days(11_016).to_string(),
            "2000-02-29"
        );
        assert_eq!(
            PartialDate::from_unix_days(20_785).to_string(),
            "2026-11-28"
        );
        assert_eq!(PartialDate::from_unix_days(-1).to_string(), "1969-12-31");
    }

    #[test]
    fn parses_every_precision() {
        assert_eq!(
            "2019".parse::<PartialDate>().unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            "2001-11".parse::<PartialDate>().unwrap().precision(),
            Precision::Month
        );
        let d: PartialDate = "2004-03-16".parse().unwrap();
        assert_eq!((d.year, d.month, d.day), (2004, Some(3), Some(16)));
        assert_eq!(d.to_string(), "2004-03-16");
        assert_eq!(d.parts(), vec![2004, 3, 16]);
    }

    #[test]
    fn checks_the_calendar() {
        assert!("2004-02-29".parse::<PartialDate>().is_ok());
        assert!("2000-02-29".parse::<PartialDate>().is_ok());
        assert_eq!(
            "2001-02-29".parse::<PartialDate>(),
            Err(DateError::Day {
                year: 2001,
                month: 2,
                day: 29
            })
        );
        assert!("1900-02-29".parse::<PartialDate>().is_err());
        assert_eq!("2001-13".parse::<PartialDate>(), Err(DateError::Month(13)));
        assert!("2001-04-31".parse::<PartialDate>().is_err());
        assert!("2001-04-00".parse::<PartialDate>().is_err());
    }

    #[test]
    fn rejects_other_shapes() {
        for s in [
            "",
            "16 March 2004",
            "01",
            "2001-1",
            "2001-01-1",
            "2001-01-01-01",
            "+2001",
            "２００１",
        ] {
            assert_eq!(s.parse::<PartialDate>(), Err(DateError::Shape), "{s:?}");
        }
        assert_eq!(PartialDate::parse_full("2019"), Err(DateError::Shape));
    }

    #[test]
    fn compares_at_the_coarser_precision() {
        let p = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(p("2019").cmp_coarse(&p("2019-01-05")), Ordering::Equal);
        assert_eq!(p("2019-03").cmp_coarse(&p("2019-02-28")), Ordering::Greater);
        assert_eq!(p("2019-03-10").cmp_coarse(&p("2019-03-11")), Ordering::Less);
        assert_eq!(p("2018").cmp_coarse(&p("2019-01")), Ordering::Less);
    }
}
