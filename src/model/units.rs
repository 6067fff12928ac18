//! Units as types. Each quantity that crosses a module boundary is a small newtype over `f64`
//! with only the arithmetic that is physically meaningful; all serialize as plain numbers.

use serde::{Deserialize, Serialize};
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Sub};

macro_rules! unit {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl $name {
            /// The raw number, in this type's unit.
            pub const fn value(self) -> f64 {
                self.0
            }
        }
        impl Add for $name {
            type Output = Self;
            fn add(self, rhs: Self) -> Self {
                Self(self.0 + rhs.0)
            }
        }
        impl Sub for $name {
            type Output = Self;
            fn sub(self, rhs: Self) -> Self {
                Self(self.0 - rhs.0)
            }
        }
        impl AddAssign for $name {
            fn add_assign(&mut self, rhs: Self) {
                self.0 += rhs.0;
            }
        }
        /// Scaling by a dimensionless factor.
        impl Mul<f64> for $name {
            type Output = Self;
            fn mul(self, k: f64) -> Self {
                Self(self.0 * k)
            }
        }
        /// The ratio of two like quantities is dimensionless.
        impl Div for $name {
            type Output = f64;
            fn div(self, rhs: Self) -> f64 {
                self.0 / rhs.0
            }
        }
        impl Sum for $name {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                Self(iter.map(|x| x.0).sum())
            }
        }
    };
}

unit!(
    /// An amount of money in US dollars (nominal unless a field says otherwise).
    Usd
);
unit!(
    /// A price in US dollars per accelerator-hour ("GPU-hour"), the market's unit of compute rent.
    UsdPerGpuHour
);
unit!(
    /// Accelerator-hours: one accelerator available for one hour.
    GpuHours
);
unit!(
    /// A count of accelerators; fractional while capacity ramps within a month.
    Gpus
);
unit!(
    /// Wall-clock hours.
    Hours
);
unit!(
    /// A dimensionless share in `[0, 1]` (utilization, take-or-pay floor, delivered share).
    Fraction
);
unit!(
    /// A rate per year as a fraction (0.12 = 12 % per year), e.g. a discount rate or escalator.
    PerYear
);
unit!(
    /// Electrical power in kilowatts.
    Kilowatts
);
unit!(
    /// Energy in megawatt-hours.
    MegawattHours
);
unit!(
    /// An energy price in US dollars per megawatt-hour.
    UsdPerMwh
);
unit!(
    /// A capital cost in US dollars per megawatt of IT load.
    UsdPerMw
);

unit!(
    /// A fuel price, US dollars per million British thermal units.
    UsdPerMmbtu
);
unit!(
    /// A capital or fixed cost per kilowatt of capacity, US dollars.
    UsdPerKw
);
unit!(
    /// A capital cost per kilowatt-hour of storage, US dollars.
    UsdPerKwh
);

impl Mul<Hours> for Kilowatts {
    type Output = MegawattHours;
    fn mul(self, h: Hours) -> MegawattHours {
        MegawattHours(self.0 * h.0 / 1000.0)
    }
}

impl Mul<MegawattHours> for UsdPerMwh {
    type Output = Usd;
    fn mul(self, e: MegawattHours) -> Usd {
        Usd(self.0 * e.0)
    }
}

impl Mul<Kilowatts> for UsdPerMw {
    type Output = Usd;
    fn mul(self, p: Kilowatts) -> Usd {
        Usd(self.0 * p.0 / 1000.0)
    }
}

impl Mul<Hours> for Gpus {
    type Output = GpuHours;
    fn mul(self, h: Hours) -> GpuHours {
        GpuHours(self.0 * h.0)
    }
}

impl Div<GpuHours> for Usd {
    type Output = UsdPerGpuHour;
    fn div(self, h: GpuHours) -> UsdPerGpuHour {
        UsdPerGpuHour(self.0 / h.0)
    }
}

impl Mul<GpuHours> for UsdPerGpuHour {
    type Output = Usd;
    fn mul(self, h: GpuHours) -> Usd {
        Usd(self.0 * h.0)
    }
}

impl Mul<Fraction> for Usd {
    type Output = Usd;
    fn mul(self, f: Fraction) -> Usd {
        Usd(self.0 * f.0)
    }
}

impl Mul<Fraction> for GpuHours {
    type Output = GpuHours;
    fn mul(self, f: Fraction) -> GpuHours {
        GpuHours(self.0 * f.0)
    }
}

impl Mul<Fraction> for Gpus {
    type Output = Gpus;
    fn mul(self, f: Fraction) -> Gpus {
        Gpus(self.0 * f.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gpus_times_hours_is_gpu_hours_and_dollars_over_that_is_a_price() {
        let gh = Gpus(1000.0) * Hours(730.0);
        assert_eq!(gh, GpuHours(730_000.0));
        let price = Usd(1_825_000.0) / gh;
        assert_eq!(price, UsdPerGpuHour(2.5));
        assert_eq!(price * gh, Usd(1_825_000.0));
    }

    #[test]
    fn power_energy_and_prices() {
        let e = Kilowatts(1750.0) * Hours(10.0);
        assert_eq!(e, MegawattHours(17.5));
        assert_eq!(UsdPerMwh(66.0) * e, Usd(1155.0));
        assert_eq!(UsdPerMw(11e6) * Kilowatts(1.75), Usd(19_250.0));
    }

    #[test]
    fn sums_and_ratios() {
        let total: Usd = [Usd(1.0), Usd(2.5)].into_iter().sum();
        assert_eq!(total, Usd(3.5));
        assert_eq!(Usd(3.0) / Usd(1.5), 2.0);
    }
}
