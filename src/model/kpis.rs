//! The results a scenario can be judged by: one row per headline number, with a stable id, a
//! label, its unit and how to read it from a [`Report`]. The Monte Carlo spread, goal seek and
//! break-even maps all pick their KPI from this table, so adding a result is one row here.

use super::alternatives::Choice;
use super::Report;
use serde::Serialize;

/// How a KPI's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum KpiUnit {
    /// Dollars per GPU-hour.
    UsdPerGpuHour,
    /// Dollars.
    Usd,
    /// A count (GPU-hours).
    Count,
    /// A share, 0–1.
    Share,
    /// Days.
    Days,
    /// Dollars per megawatt-hour.
    UsdPerMwh,
    /// Tonnes (of CO2).
    Tonnes,
}

impl KpiUnit {
    /// The unit of the raw values (what exports and the CLI write).
    pub const fn raw(self) -> &'static str {
        match self {
            Self::UsdPerGpuHour => "$ / GPU-hr",
            Self::Usd => "$",
            Self::Count => "GPU-hours",
            Self::Share => "share, 0–1",
            Self::Days => "days",
            Self::UsdPerMwh => "$ / MWh",
            Self::Tonnes => "t CO2",
        }
    }

    /// The unit a target for a KPI of this unit is typed in, and its scale (model value =
    /// typed value × scale): billions of dollars, percent, millions of GPU-hours.
    pub const fn entry(self) -> (&'static str, f64) {
        match self {
            Self::UsdPerGpuHour => ("$ / GPU-hr", 1.0),
            Self::Usd => ("$B", 1e9),
            Self::Count => ("million", 1e6),
            Self::Share => ("%", 0.01),
            Self::Days => ("days", 1.0),
            Self::UsdPerMwh => ("$ / MWh", 1.0),
            Self::Tonnes => ("t CO2", 1.0),
        }
    }
}

/// A result a scenario can be judged by.
pub struct Kpi {
    /// Stable id (matches the KPI strip's ids where both show it).
    pub id: &'static str,
    /// A short label.
    pub label: &'static str,
    /// How it is written.
    pub unit: KpiUnit,
    /// Reads it from a report (NaN when the scenario has none, e.g. a run that never finishes).
    pub value: fn(&Report) -> f64,
}

impl std::fmt::Debug for Kpi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kpi({})", self.id)
    }
}

/// The results every sample reports, in this order.
pub static KPIS: &[Kpi] = &[
    Kpi {
        id: "usd-per-delivered-gpu-hour",
        label: "Cost per delivered GPU-hour",
        unit: KpiUnit::UsdPerGpuHour,
        value: |r| r.contract.totals.usd_per_delivered_gpu_hour.value(),
    },
    Kpi {
        id: "usd-per-useful-gpu-hour",
        label: "Cost per useful GPU-hour",
        unit: KpiUnit::UsdPerGpuHour,
        value: |r| r.contract.totals.usd_per_useful_gpu_hour.value(),
    },
    Kpi {
        id: "npv-cost",
        label: "Present value",
        unit: KpiUnit::Usd,
        value: |r| r.contract.totals.npv_cost.value(),
    },
    Kpi {
        id: "vs-best-alternative",
        label: "Premium over best alternative",
        unit: KpiUnit::Usd,
        value: |r| r.alternatives.premium_over(r.alternatives.best_alternative().option),
    },
    Kpi {
        id: "delivered-gpu-hours",
        label: "Delivered GPU-hours",
        unit: KpiUnit::Count,
        value: |r| r.contract.totals.delivered_gpu_hours.value(),
    },
    Kpi {
        id: "energy-annual-cost",
        label: "Energy cost per year",
        unit: KpiUnit::Usd,
        value: |r| r.energy.totals.annual_cost.value(),
    },
    Kpi {
        id: "fully-powered-share",
        label: "Hours fully powered",
        unit: KpiUnit::Share,
        value: |r| r.energy.totals.fully_powered_share.value(),
    },
    Kpi {
        id: "days-per-run",
        label: "Days per target run",
        unit: KpiUnit::Days,
        value: |r| r.training.fleet.days_to_train.unwrap_or(f64::NAN),
    },
    Kpi {
        id: "nominal-cost",
        // What is paid, not what was promised: SLA credits come off it (a power shortfall under
        // the AWS-style template's 100 % band can take it to $0).
        label: "Total paid",
        unit: KpiUnit::Usd,
        value: |r| r.contract.totals.nominal_cost.value(),
    },
    Kpi {
        id: "paid-for-undelivered",
        label: "Paid for undelivered capacity",
        unit: KpiUnit::Usd,
        value: |r| r.contract.totals.paid_for_undelivered.value(),
    },
    Kpi {
        id: "earliest-exit-cost",
        label: "Total paid on earliest exit",
        unit: KpiUnit::Usd,
        value: |r| r.contract.totals.earliest_exit.as_ref().map_or(f64::NAN, |e| e.total_cost.value()),
    },
    Kpi {
        id: "premium-over-on-demand",
        label: "Premium over on-demand",
        unit: KpiUnit::Usd,
        value: |r| r.alternatives.premium_over(Choice::OnDemand),
    },
    Kpi {
        id: "premium-over-reserved-1yr",
        label: "Premium over 1-yr reserved",
        unit: KpiUnit::Usd,
        value: |r| r.alternatives.premium_over(Choice::Reserved1Yr),
    },
    Kpi {
        id: "premium-over-reserved-3yr",
        label: "Premium over 3-yr reserved",
        unit: KpiUnit::Usd,
        value: |r| r.alternatives.premium_over(Choice::Reserved3Yr),
    },
    Kpi {
        id: "premium-over-neocloud",
        label: "Premium over GPU cloud",
        unit: KpiUnit::Usd,
        value: |r| r.alternatives.premium_over(Choice::Neocloud),
    },
    Kpi {
        id: "premium-over-build-own",
        label: "Premium over building",
        unit: KpiUnit::Usd,
        value: |r| r.alternatives.premium_over(Choice::BuildOwn),
    },
    Kpi {
        id: "blended-usd-per-mwh",
        label: "Blended energy price",
        unit: KpiUnit::UsdPerMwh,
        value: |r| r.energy.totals.blended_price.value(),
    },
    Kpi {
        id: "co2-per-year",
        label: "CO2 per year (t)",
        unit: KpiUnit::Tonnes,
        value: |r| r.energy.totals.annual_co2_t,
    },
];

/// The KPI with this id.
pub fn kpi(id: &str) -> Option<(usize, &'static Kpi)> {
    KPIS.iter().enumerate().find(|(_, k)| k.id == id)
}
