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
    source: "Reported terms of GPU-backed loans (e.g. CoreWeave facilities)",
    date: "2024–2025",
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

/// Per-GPU-hour rate implied by the reported deal.
pub const DEAL_RATE_DERIVED: Citation = Citation {
    id: "deal.implied_rate",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Derived,
    note: "$1.25B a month ÷ (325,000 GPUs × 730.5 hours in an average month) ≈ $5.26 per GPU-hour: \
           the rate at which per-hour pricing matches the reported commitment.",
};

/// Prepayment not disclosed.
pub const PREPAYMENT_UNDISCLOSED: Citation = Citation {
    id: "deal.prepayment",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Assumption,
    note: "No prepayment is reported; 0 by default.",
};

/// AWS instance-level SLA.
pub const AWS_SLA: Citation = Citation {
    id: "sla.aws_compute_instance",
    source: "Amazon Compute Service Level Agreement, instance-level SLA (last updated 2022-05-05)",
    date: "2022-05",
    // AWS's terms are published; using them for this deal is the assumption.
    confidence: Confidence::Assumption,
    note: "99.5 % monthly uptime per instance; an instance below it is credited 10 % of its month's \
           charge, 30 % below 99.0 % and 100 % below 95.0 %. Used as the template: the deal's own SLA \
           is not public.",
};

/// Expected availability = the SLA.
pub const AVAILABILITY_ASSUMED: Citation = Citation {
    id: "sla.expected",
    source: "Amazon Compute Service Level Agreement, instance-level SLA (last updated 2022-05-05)",
    date: "2022-05",
    confidence: Confidence::Assumption,
    note: "Assumes the provider just meets a 99.5 % availability commitment (no credits). Lower it to \
           see delivered GPU-hours fall and credits start.",
};

/// Delay credits not disclosed.
pub const DELAY_CREDIT_UNDISCLOSED: Citation = Citation {
    id: "deal.delay_credit",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Assumption,
    note: "Penalties for late capacity are not public; 0 by default (the lab bears slips fully).",
};

/// Termination clause.
pub const DEAL_TERMINATION: Citation = Citation {
    id: "deal.termination",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Reported,
    note: "Terminable after 3 months on 90 days' notice.",
};

/// Termination fee: not in the filing's description of the clause.
pub const DEAL_TERMINATION_FEE: Citation = Citation {
    id: "deal.termination_fee",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Assumption,
    note: "The filing as reported describes the notice but no fee; 0 by default (an exit then costs the payments until the notice runs out, and any unused prepayment).",
};

/// Hyperscaler on-demand H100 price.
pub const ON_DEMAND_H100: Citation = Citation {
    id: "market.h100.hyperscaler_on_demand",
    source: "Public on-demand price lists after the mid-2025 cuts (e.g. AWS p5.48xlarge ÷ 8 GPUs)",
    date: "2025-H2",
    confidence: Confidence::Range,
    note: "$6.90 per H100-hour (range $4.00–12.30 across providers and regions). Price lists move: check the current list.",
};

/// 1-year reserved discount.
pub const RESERVED_1YR: Citation = Citation {
    id: "market.h100.reserved_1yr_discount",
    source: "Digiteria Labs, \"Cloud GPU Pricing Shifts in Q1 2026\"",
    date: "2026-Q1",
    confidence: Confidence::Range,
    note: "One-year reserved (committed-use) H100 pricing settled at 35–40 % off on-demand: 37.5 %.",
};

/// 3-year reserved discount.
pub const RESERVED_3YR: Citation = Citation {
    id: "market.h100.reserved_3yr_discount",
    source:
        "AWS Savings Plans (\"up to 72 %\" off on-demand for 3-year terms); Digiteria Labs Q1 2026 for 1-year",
    date: "2026",
    confidence: Confidence::Estimate,
    note: "50 %: deeper than the 35–40 % of one-year terms, well short of the 72 % headline maximum.",
};

/// Building: IT capex per GPU.
pub const GB200_RACK_PRICE: Citation = Citation {
    id: "dc.gb200_nvl72.rack_price",
    source: "Analyst estimates as reported (GB200 NVL72 rack price)",
    date: "2025",
    confidence: Confidence::Estimate,
    note: "$3.4M per 72-GPU rack (range $3.0–3.9M), i.e. ≈$47,200 per GPU including hosts and NVLink.",
};

/// Building: IT power per GPU.
pub const GB200_KW_PER_GPU: Citation = Citation {
    id: "it.gb200_nvl72.kw_per_gpu",
    source: "NVIDIA GB200 NVL72 specifications and OEM rack figures",
    date: "2025",
    confidence: Confidence::Reported,
    note: "1.75 kW of IT load per GPU (range 1.67–1.83), ≈132 kW per rack.",
};

/// Building: PUE for direct liquid cooling.
pub const PUE_LIQUID: Citation = Citation {
    id: "dc.pue.direct_liquid",
    source: "Vendor and operator figures (e.g. Schneider Electric, Vertiv white papers)",
    date: "2025",
    confidence: Confidence::Range,
    note: "Direct-to-chip liquid cooling: PUE 1.10 (range 1.05–1.15).",
};

/// Building: facility capex per MW of IT.
pub const FACILITY_CAPEX: Citation = Citation {
    id: "dc.facility_capex_per_mw_it",
    source: "Industry cost surveys (e.g. Cushman & Wakefield Data Center Development Cost Guide 2025)",
    date: "2025",
    confidence: Confidence::Range,
    note: "$11M per MW of IT load for shell, electrical and cooling (range $9–14M).",
};

/// Building: electricity price.
pub const GRID_PRICE_TX: Citation = Citation {
    id: "energy.grid.price.tx",
    source: "EIA Electric Power Monthly, average retail price to industrial customers, Texas",
    date: "2025",
    confidence: Confidence::Reported,
    note: "$66.0 per MWh.",
};

/// Building: server depreciation life.
pub const SERVER_LIFE: Citation = Citation {
    id: "fin.depreciation.servers",
    source: "Microsoft, Alphabet and Meta 10-K filings",
    date: "2025",
    confidence: Confidence::Reported,
    note: "5.5–6 years for servers and network gear; Amazon shortened some to 5 years in 2025.",
};

/// Building: facility depreciation life.
pub const FACILITY_LIFE: Citation = Citation {
    id: "fin.depreciation.facility",
    source: "Typical straight-line lives for data-center buildings and electrical plant in hyperscaler filings",
    date: "2025",
    confidence: Confidence::Estimate,
    note: "25 years (buildings are depreciated over roughly 25–30 years; electrical and cooling plant over less).",
};

/// Seasonal PUE swing.
pub const PUE_SEASONAL: Citation = Citation {
    id: "dc.pue.seasonal",
    source: "Google Environmental Report 2024 (quarterly fleet PUE of about 1.08–1.11)",
    date: "2024",
    confidence: Confidence::Estimate,
    note: "±0.02 around the annual average: hot months need more cooling. Air-cooled sites in hot climates swing more.",
};

/// Cooling share of overhead.
pub const COOLING_SHARE: Citation = Citation {
    id: "dc.overhead.cooling_share",
    source: "Engineering rule of thumb: cooling is the largest non-IT load; UPS/transformer losses and lighting the rest",
    date: "2025",
    confidence: Confidence::Estimate,
    note: "75 % of the non-IT load is cooling. Only splits the power-stack chart; totals do not depend on it.",
};

/// Average WUE.
pub const WUE_AVERAGE: Citation = Citation {
    id: "dc.wue.average",
    source: "Shehabi et al., United States Data Center Energy Usage Report, Lawrence Berkeley National Laboratory (2016)",
    date: "2016-06",
    confidence: Confidence::Reported,
    note: "About 1.8 litres of water per kWh on average for evaporatively cooled sites; closed-loop liquid with dry coolers uses far less.",
};

/// Rack density.
pub const RACK_DENSITY: Citation = Citation {
    id: "it.gb200_nvl72.rack_kw",
    source: "NVIDIA / OEM GB200 NVL72 rack figures",
    date: "2025",
    confidence: Confidence::Reported,
    note: "132 kW per liquid-cooled NVL72 rack (range 120–140 kW). Air-cooled halls host about 15–40 kW per rack.",
};

/// Two sites assumed.
pub const SITES_ASSUMED: Citation = Citation {
    id: "site.count",
    source: "xAI / Greater Memphis Chamber statements and press coverage",
    date: "2025",
    confidence: Confidence::Assumption,
    note: "Two sites: the deal's ~325k GPUs need more power than one Colossus-1-sized site provides. The provider's site plan is not public.",
};

/// Site power.
pub const SITE_POWER: Citation = Citation {
    id: "site.colossus1.facility_power",
    source: "xAI / Greater Memphis Chamber statements and press coverage",
    date: "2025",
    confidence: Confidence::ReportedApprox,
    note: "About 300 MW of facility power at Colossus 1 (range 250–350 MW): 150 MW from the grid (TVA/MLGW), plus Megapacks and on-site generation.",
};

/// Build time.
pub const BUILD_TIME: Citation = Citation {
    id: "site.colossus1.build_time",
    source: "xAI statements (Sep 2024): the first 100k-GPU Colossus hall built in 122 days",
    date: "2024-09",
    confidence: Confidence::Assumption,
    note: "0: the provider's halls exist. For a new campus, 4 months is the fastest reported build (122 days); 18–24 months is typical.",
};

/// Interconnect time.
pub const INTERCONNECT_TIME: Citation = Citation {
    id: "energy.interconnect_lead_time",
    source: "Press reports of turbine backlogs (5–7 years) and reciprocating engines (12–18 months)",
    date: "2025",
    confidence: Confidence::Assumption,
    note: "0: the provider's sites are connected. New grid or turbine connections take years; reciprocating engines 12–18 months.",
};

const LLAMA3: &str = "Meta, The Llama 3 Herd of Models (arXiv 2407.21783)";

/// BF16 model FLOP utilization of a frontier run.
pub const TRAINING_MFU: Citation = Citation {
    id: "train.llama31_405b.mfu",
    source: LLAMA3,
    date: "2024-07",
    confidence: Confidence::Range,
    note: "38–43 % BF16 MFU on 8k–16k H100 while pre-training Llama 3.1 405B; 40 % is the middle. \
           FP8 runs report lower MFU against the (doubled) FP8 peak.",
};

/// Training's share of a lab's compute.
pub const TRAINING_SHARE: Citation = Citation {
    id: "train.share_of_compute",
    source: "The Information, \"Why OpenAI Could Lose $5 Billion This Year\" (OpenAI's 2024 compute plan)",
    date: "2024-07",
    confidence: Confidence::Estimate,
    note: "About $3B of training compute against about $4B of inference compute: 3 ÷ 7 ≈ 43 % of \
           the fleet trains, the rest serves.",
};

/// The target run: the frontier-model compute threshold.
pub const FRONTIER_THRESHOLD: Citation = Citation {
    id: "policy.frontier_flop_threshold",
    source: "US Executive Order 14110 §4.2 (2023-10) reporting threshold; California SB 53 (2025-09) \
             definition of a frontier model",
    date: "2025-09",
    confidence: Confidence::Reported,
    note: "Both use 10^26 integer or floating-point operations as the size of a frontier training run.",
};

/// A public run's model size and tokens.
pub const LLAMA_SIZE: Citation = Citation {
    id: "train.llama31_405b.size",
    source: LLAMA3,
    date: "2024-07",
    confidence: Confidence::Reported,
    note: "405B parameters trained on 15.6T tokens: 6 × 405e9 × 15.6e12 ≈ 3.8e25 FLOP, the \
           reported compute.",
};

/// The window for "largest run in N days".
pub const TRAINING_WINDOW: Citation = Citation {
    id: "train.gpt4.hardware",
    source: "SemiAnalysis, GPT-4 Architecture, Infrastructure, Training Dataset (2023-07)",
    date: "2023-07",
    confidence: Confidence::Estimate,
    note: "GPT-4 trained for 90–100 days on about 25,000 A100: a 90-day window is the length of a \
           frontier pre-training run.",
};

/// A reported 1 GW-class campus: facility power per GPU.
pub const ABILENE_CAMPUS: Citation = Citation {
    id: "site.abilene.facility_kw_per_gpu",
    source: "Crusoe, Oracle and OpenAI statements on the Abilene (Stargate) campus",
    date: "2025",
    confidence: Confidence::Derived,
    note: "About 1.2 GW for 400–450k GB200 is 2.85 kW of facility power per GPU (hosts, network, \
           storage and cooling included), against this model's 1.75 kW of GPU-rack IT × PUE: a \
           reported campus would hold about 350,000 GB200 per GW.",
};

/// The size of a frontier training dataset.
pub const DATASET_LLAMA3: Citation = Citation {
    id: "data.dataset_tb",
    source: "Meta, \"The Llama 3 Herd of Models\", arXiv:2407.21783 (pre-training on about 15.6T tokens)",
    date: "2024-07",
    confidence: Confidence::Derived,
    note: "15.6 × 10¹² tokens × about 4 bytes of text per token ≈ 60 TB of tokenised text. Image, video and audio data are far larger: set your own.",
};

/// The size of a full training checkpoint.
pub const CHECKPOINT_SIZE: Citation = Citation {
    id: "data.checkpoint_tb",
    source: "Rajbhandari et al., \"ZeRO: Memory Optimizations Toward Training Trillion Parameter Models\", SC20 (mixed-precision Adam keeps 16 bytes per parameter); Llama 3.1 405B parameters",
    date: "2020-05",
    confidence: Confidence::Derived,
    note: "405 × 10⁹ parameters × 16 bytes (bf16 weights and gradients, fp32 master weights and two Adam moments) ≈ 6.5 TB.",
};

/// The link between the home cloud and the compute.
pub const LINK_SPEED: Citation = Citation {
    id: "data.link_gbps",
    source: "AWS Direct Connect dedicated connections (1, 10, 100 and 400 Gbps ports); Google Cloud Interconnect and Azure ExpressRoute offer 10 and 100 Gbps",
    date: "2025",
    confidence: Confidence::Reported,
    note: "One 100 Gbps dedicated port.",
};

/// The price of data leaving a hyperscaler.
pub const EGRESS_PRICE: Citation = Citation {
    id: "market.egress.hyperscaler",
    source: "AWS, Google Cloud, Azure public price lists for data transfer out (reference set: $0.09/GB first tiers, range $0.05–0.12)",
    date: "2025",
    confidence: Confidence::Range,
    note: "$0.05 per GB: the low end of the range, AWS's tier beyond 150 TB a month (frontier volumes are far beyond it); Azure's matches; Google Cloud's premium tier starts at $0.12.",
};

/// GPU clouds' egress.
pub const NEOCLOUD_EGRESS: Citation = Citation {
    id: "market.egress.gpu_cloud",
    source: "CoreWeave and Lambda public pricing pages (no charge for data egress)",
    date: "2025",
    confidence: Confidence::Reported,
    note: "Specialist GPU clouds advertise free egress; set a price if yours charges.",
};

/// The contract's provider's egress.
pub const PROVIDER_EGRESS_UNDISCLOSED: Citation = Citation {
    id: "deal.egress",
    source: S1,
    date: "2026-05",
    confidence: Confidence::Assumption,
    note: "The filing as reported says nothing about data transfer charges: neutral assumption $0, like the GPU clouds.",
};

/// What a frontier lab sends to the compute each month.
pub const DATA_OUT: Citation = Citation {
    id: "data.out_tb",
    source: "Derived from the dataset size above",
    date: "2026-11",
    confidence: Confidence::Assumption,
    note: "One full dataset a month (60 TB). Inference requests, if the compute also serves, add to it.",
};

/// What comes back each month.
pub const DATA_BACK: Citation = Citation {
    id: "data.back_tb",
    source: "Derived from the checkpoint size above",
    date: "2026-11",
    confidence: Confidence::Assumption,
    note: "One checkpoint a day copied home (30 × 6.5 TB ≈ 195 TB).",
};
