//! The public sources behind every default. Each default in the scenario points at one of
//! these, and the UI shows it next to the input. Figures were compiled on 2026-11-24 from the
//! sourced reference set (`shared/reference/reference_data.json`) unless a record says otherwise.

use serde::Serialize;

/// How firm a figure is, from a number in a filing to an analyst's pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// Stated in a filing, datasheet or official statement.
    Reported,
    /// Stated, but rounded or "about" in the source.
    ReportedApprox,
    /// Computed from reported figures; the note says how.
    Derived,
    /// The middle of a published range.
    Range,
    /// An analyst's or vendor's estimate.
    Estimate,
    /// Not disclosed anywhere public: a neutral assumption the user should set.
    Assumption,
}

impl Confidence {
    /// A short human label.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Reported => "reported",
            Self::ReportedApprox => "reported (approx.)",
            Self::Derived => "derived",
            Self::Range => "mid of published range",
            Self::Estimate => "estimate",
            Self::Assumption => "assumption (not disclosed)",
        }
    }
}

/// One sourced figure: where a default comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Citation {
    /// Stable id, matching the reference set where it came from (e.g. `deal.monthly_commitment`).
    pub id: &'static str,
    /// The publication: who said it, where, when.
    pub source: &'static str,
    /// The date the figure was published or compiled (ISO 8601, year-month at least).
    pub date: &'static str,
    /// How firm the figure is.
    pub confidence: Confidence,
    /// How the value follows from the source, where that is not obvious.
    pub note: &'static str,
}

const S1: &str = "SpaceX Form S-1 registration statement (2026-05-20), compute agreement with \
                  Anthropic, as reported in press coverage of the filing";

/// $1.25B per month commitment.
pub const DEAL_MONTHLY: Citation = Citation {
    id: "deal.monthly_commitment",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Reported,
    note: "About $1.25B per month through May 2029 (≈$15B a year, ≈$45B in total).",
};

/// Contract end May 2029, filing May 2026.
pub const DEAL_TERM: Citation = Citation {
    id: "deal.end",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Derived,
    note: "Runs through May 2029; counted from June 2026, the month after the filing: 36 months, \
           which matches the reported ≈$45B total at $1.25B a month.",
};

/// ~325k GPUs.
pub const DEAL_GPUS: Citation = Citation {
    id: "deal.gpus",
    source: S1,
    date: "2026-05",
    confidence: Confidence::ReportedApprox,
    note: "About 325,000 GPUs of contracted capacity.",
};

/// Flat monthly price.
pub const DEAL_FLAT_PRICE: Citation = Citation {
    id: "deal.monthly_commitment",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Reported,
    note: "Reported as a flat $1.25B a month for the whole term: no escalator.",
};

/// Committed payments (take-or-pay).
pub const DEAL_COMMITTED: Citation = Citation {
    id: "deal.monthly_commitment",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Reported,
    note: "Reported as a commitment: the monthly amount is owed whether or not capacity is used \
           (100 % take-or-pay) until terminated.",
};

/// Ramp not disclosed.
pub const RAMP_UNDISCLOSED: Citation = Citation {
    id: "deal.ramp",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Assumption,
    note: "The delivery schedule is not public. Default: full capacity from the first month, \
           with no slip; move these to ask \"what if capacity arrives late?\".",
};

/// GPU-backed debt rate as a discount rate.
pub const DISCOUNT_RATE: Citation = Citation {
    id: "fin.gpu_debt_rate",
    source: "Reported terms of GPU-backed loans (e.g. CoreWeave facilities), 2024–2025",
    date: "2025",
    confidence: Confidence::Range,
    note: "12 % a year (range 10–17 %): the cost of capital secured on GPUs, used as the discount rate.",
};

/// Useful share of delivered GPU-hours.
pub const UTILIZATION: Citation = Citation {
    id: "train.llama31_405b.goodput",
    source: "Meta, The Llama 3 Herd of Models (2024)",
    date: "2024-07",
    confidence: Confidence::Reported,
    note: "More than 90 % effective training time on a 16k-H100 cluster (466 interruptions in \
           54 days): 0.90 of delivered GPU-hours do useful work.",
};

/// Market price for a 1-year H100 contract.
pub const MARKET_1YR_H100: Citation = Citation {
    id: "market.h100.1yr_contract",
    source: "GPU rental market indices and broker quotes",
    date: "2025-Q4",
    confidence: Confidence::Range,
    note: "$2.50 per H100-hour for a one-year commitment (range $2.35–2.65).",
};
