//! The accelerator catalog and the fleet mix. Catalog entries live in the scenario so users can
//! edit any figure or add their own silicon; the defaults below carry their sources.

use super::units::{Fraction, Kilowatts, Usd};
use serde::{Deserialize, Serialize};

/// One accelerator model with its specifications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accelerator {
    /// Stable id used by the mix (e.g. `h100`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// First year of volume availability.
    pub year: u32,
    /// Dense BF16 throughput, TFLOPS.
    pub bf16_tflops: f64,
    /// Dense FP8 throughput, TFLOPS.
    pub fp8_tflops: f64,
    /// High-bandwidth memory, GB.
    pub hbm_gb: f64,
    /// Thermal design power of the accelerator alone, W.
    pub tdp_w: f64,
    /// All-in IT power per accelerator including host CPUs, memory and network.
    pub it_kw: Kilowatts,
    /// Capital cost per accelerator, including its share of the server or rack.
    pub unit_price: Usd,
    /// Where the figures come from.
    pub source: String,
}

/// One row of the fleet mix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MixRow {
    /// The catalog id.
    pub accelerator: String,
    /// Share of contracted GPUs of this type.
    pub share: Fraction,
    /// The first month (from the term's start) this generation can be installed.
    pub available_from_month: u32,
}

/// The catalog and the mix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hardware {
    /// Every accelerator the mix may use.
    pub catalog: Vec<Accelerator>,
    /// Shares of the contracted GPUs by type; they must sum to 100 %.
    pub mix: Vec<MixRow>,
}

impl Hardware {
    /// The catalog entry with this id.
    pub fn get(&self, id: &str) -> Option<&Accelerator> {
        self.catalog.iter().find(|a| a.id == id)
    }

    /// The mix in a line, each row by its catalog entry's name (its id where the catalog has no
    /// such entry), its share as a percentage and any later first month: "50 % NVIDIA H100,
    /// 20 % NVIDIA H200, 30 % NVIDIA B200 from month 12".
    pub fn mix_text(&self) -> String {
        self.mix_text_to(1)
    }

    /// [`Hardware::mix_text`] with shares to `decimals` decimals.
    pub fn mix_text_to(&self, decimals: usize) -> String {
        self.mix
            .iter()
            .map(|r| {
                let name = self.get(&r.accelerator).map_or(r.accelerator.as_str(), |a| a.name.as_str());
                let from = if r.available_from_month > 0 {
                    format!(" from month {}", r.available_from_month)
                } else {
                    String::new()
                };
                format!("{} {name}{from}", super::fields::percent_to(r.share.value(), decimals))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The mix's share-weighted average of `f` over its accelerators (rows naming unknown ids
    /// count as zero; validation rejects them).
    pub fn weighted(&self, f: impl Fn(&Accelerator) -> f64) -> f64 {
        self.mix.iter().filter_map(|r| self.get(&r.accelerator).map(|a| r.share.value() * f(a))).sum()
    }

    /// H100-class GPU-hours with the dense BF16 compute of one GPU-hour of the mix: what a
    /// rental quoted per H100-class GPU-hour must buy to match it (1 for H100s and H200s,
    /// 2.53 for GB200s). The H100 is the catalog's `h100` entry, as in the training model's
    /// yardstick, or [`H100_BF16_TFLOPS`] without one.
    pub fn h100_equivalents(&self) -> f64 {
        self.mix.iter().zip(self.h100_ratios()).map(|(r, k)| r.share.value() * k).sum()
    }

    /// Each mix row's H100-class GPU-hours per GPU-hour of it (its dense BF16 over the H100's;
    /// 0 for a row naming no catalog entry, which validation rejects).
    pub fn h100_ratios(&self) -> Vec<f64> {
        let h100 = self.get("h100").map_or(H100_BF16_TFLOPS, |a| a.bf16_tflops);
        self.mix.iter().map(|r| self.get(&r.accelerator).map_or(0.0, |a| a.bf16_tflops / h100)).collect()
    }
}

/// Dense BF16 throughput of an H100 SXM, TFLOPS ([`NV_H100`]): the unit in which rentals are
/// quoted ("H100-class GPU-hours").
pub const H100_BF16_TFLOPS: f64 = 989.0;
/// Dense FP8 throughput of an H100 SXM, TFLOPS ([`NV_H100`]).
pub const H100_FP8_TFLOPS: f64 = 1979.0;

/// An editable number of a catalog entry: label, unit and valid range. Validation, the catalog
/// table and the decision tools all read this one table.
#[derive(Debug, Clone, Copy)]
pub struct CatalogField {
    /// The field's key in the entry's JSON, e.g. `unit_price`.
    pub key: &'static str,
    /// A short label.
    pub label: &'static str,
    /// The unit users see (after [`CatalogField::scale`]).
    pub unit: &'static str,
    /// Model value = shown value × scale ($K prices: 1e3).
    pub scale: f64,
    /// Smallest valid value, model units.
    pub min: f64,
    /// Largest valid value, model units.
    pub max: f64,
    /// Whole numbers only.
    pub integer: bool,
    /// Whether the model reads it. The year, the memory and the TDP describe an entry for the
    /// reader (the TDP also bounds the all-in power from below); the model reads the all-in power.
    /// The decision tools and the simulation do not offer them, since moving them moves nothing.
    pub modelled: bool,
    get: fn(&Accelerator) -> f64,
    set: fn(&mut Accelerator, f64),
}

impl CatalogField {
    /// The value, model units.
    pub fn get(&self, a: &Accelerator) -> f64 {
        (self.get)(a)
    }

    /// Sets the value, model units (rounded for whole-number fields). Does not validate.
    pub fn set(&self, a: &mut Accelerator, value: f64) {
        (self.set)(a, if self.integer { value.round() } else { value });
    }
}

/// Throughputs, powers and memory must be positive; this is the smallest value accepted.
const TINY: f64 = 1e-3;

/// Every numeric figure of a catalog entry, in the order the catalog table shows them.
pub static CATALOG_FIELDS: &[CatalogField] = &[
    CatalogField {
        key: "year",
        label: "Year",
        unit: "",
        scale: 1.0,
        min: 1990.0,
        max: 2100.0,
        integer: true,
        modelled: false,
        get: |a| f64::from(a.year),
        set: |a, v| a.year = v.clamp(0.0, f64::from(u32::MAX)) as u32,
    },
    CatalogField {
        key: "bf16_tflops",
        label: "BF16",
        unit: "TFLOPS",
        scale: 1.0,
        min: TINY,
        max: 1e6,
        integer: false,
        modelled: true,
        get: |a| a.bf16_tflops,
        set: |a, v| a.bf16_tflops = v,
    },
    CatalogField {
        key: "fp8_tflops",
        label: "FP8",
        unit: "TFLOPS",
        scale: 1.0,
        min: TINY,
        max: 1e6,
        integer: false,
        modelled: true,
        get: |a| a.fp8_tflops,
        set: |a, v| a.fp8_tflops = v,
    },
    CatalogField {
        key: "hbm_gb",
        label: "HBM",
        unit: "GB",
        scale: 1.0,
        min: 0.0,
        max: 1e5,
        integer: false,
        modelled: false,
        get: |a| a.hbm_gb,
        set: |a, v| a.hbm_gb = v,
    },
    CatalogField {
        key: "tdp_w",
        label: "TDP",
        unit: "W",
        scale: 1.0,
        min: TINY,
        max: 1e5,
        integer: false,
        modelled: false,
        get: |a| a.tdp_w,
        set: |a, v| a.tdp_w = v,
    },
    CatalogField {
        key: "it_kw",
        label: "All-in power",
        unit: "kW",
        scale: 1.0,
        min: TINY,
        max: 1e3,
        integer: false,
        modelled: true,
        get: |a| a.it_kw.value(),
        set: |a, v| a.it_kw = Kilowatts(v),
    },
    CatalogField {
        key: "unit_price",
        label: "Price",
        unit: "$K",
        scale: 1e3,
        min: 0.0,
        max: 1e8,
        integer: false,
        modelled: true,
        get: |a| a.unit_price.value(),
        set: |a, v| a.unit_price = Usd(v),
    },
];

const NV_H100: &str = "NVIDIA H100 Tensor Core GPU datasheet; all-in power from the DGX H100 datasheet (10.2 kW max for 8 GPUs); \
                       price per GPU of a server with hosts: DGX H100 ≈ $270k ÷ 8 (SemiAnalysis 2023, via Epoch AI)";
const DERIVED_HOPPER: &str =
    "NVIDIA H200 Tensor Core GPU datasheet; power and price as H100's (same board power and dense throughput)";
const NV_B200: &str =
    "NVIDIA HGX B200 / DGX B200 datasheets (DGX B200 ~14.3 kW max for 8 GPUs); price derived from the \
                       GB200 NVL72 rack estimate per dense BF16 TFLOP ($18.9)";
const NV_GB200: &str =
    "NVIDIA GB200 NVL72 datasheet (rack figures ÷ 72); 1.75 kW per GPU from NVIDIA and OEM rack figures; \
                        price: analyst estimates of $3.4M per rack ÷ 72, 2025";
const NV_GB300: &str =
    "NVIDIA GB300 NVL72 datasheet (rack figures ÷ 72); power derived: GB200's 1.75 kW scaled by TDP \
                        (1,400 ÷ 1,200 W); price derived from the GB200 rack estimate per dense BF16 TFLOP";
const AMD_MI355X: &str =
    "AMD Instinct MI355X datasheet; power derived: TDP × 1.82, the all-in/TDP ratio of DGX H100; price \
                          derived from the GB200 rack estimate per dense BF16 TFLOP";
const TPU7: &str = "Google Cloud Ironwood (TPU v7) announcement, Apr 2025; TDP not published (1 kW is an estimate); power and \
                    price derived as for MI355X";
const TRN2: &str = "AWS Trainium2 product page; TDP not published (500 W is an estimate); power and price derived as for MI355X";

/// $ per H100 of a DGX H100 server (≈$270,000 for 8 GPUs with hosts and NICs, [`NV_H100`]): the same
/// basis as the GB200 rack's price, which includes its Grace hosts and `NVLink` switches.
const H100_SERVER_PER_GPU: f64 = 270_000.0 / 8.0;
/// $ per dense BF16 TFLOP of a GB200 NVL72 rack ($3.4M ÷ 72 ÷ 2,500 TFLOPS).
const GB200_USD_PER_TFLOP: f64 = 3.4e6 / 72.0 / 2500.0;
/// All-in IT power over TDP for an 8-GPU server (DGX H100: 1.275 kW ÷ 0.7 kW).
const SERVER_OVERHEAD: f64 = 1.275 / 0.7;

fn acc(id: &str, name: &str, year: u32, spec: [f64; 4], it_kw: f64, price: f64, source: &str) -> Accelerator {
    let [bf16_tflops, fp8_tflops, hbm_gb, tdp_w] = spec;
    Accelerator {
        id: id.to_owned(),
        name: name.to_owned(),
        year,
        bf16_tflops,
        fp8_tflops,
        hbm_gb,
        tdp_w,
        it_kw: Kilowatts(it_kw),
        unit_price: Usd(price),
        source: source.to_owned(),
    }
}

/// The built-in catalog (figures compiled 2026-11-24 from the sources named in each entry).
pub fn default_catalog() -> Vec<Accelerator> {
    vec![
        acc(
            "h100",
            "NVIDIA H100",
            2023,
            [H100_BF16_TFLOPS, H100_FP8_TFLOPS, 80.0, 700.0],
            1.275,
            H100_SERVER_PER_GPU,
            NV_H100,
        ),
        acc(
            "h200",
            "NVIDIA H200",
            2024,
            [989.0, 1979.0, 141.0, 700.0],
            1.275,
            H100_SERVER_PER_GPU,
            DERIVED_HOPPER,
        ),
        acc(
            "b200",
            "NVIDIA B200",
            2025,
            [2250.0, 4500.0, 180.0, 1000.0],
            1.79,
            2250.0 * GB200_USD_PER_TFLOP,
            NV_B200,
        ),
        acc(
            "gb200",
            "NVIDIA GB200 NVL72",
            2025,
            [2500.0, 5000.0, 186.0, 1200.0],
            1.75,
            3.4e6 / 72.0,
            NV_GB200,
        ),
        acc(
            "gb300",
            "NVIDIA GB300 NVL72",
            2026,
            [2500.0, 5000.0, 288.0, 1400.0],
            1.75 * 1400.0 / 1200.0,
            2500.0 * GB200_USD_PER_TFLOP,
            NV_GB300,
        ),
        acc(
            "mi355x",
            "AMD Instinct MI355X",
            2025,
            [2500.0, 5000.0, 288.0, 1400.0],
            1.4 * SERVER_OVERHEAD,
            2500.0 * GB200_USD_PER_TFLOP,
            AMD_MI355X,
        ),
        acc(
            "tpu7",
            "Google TPU v7 (Ironwood)",
            2026,
            [2307.0, 4614.0, 192.0, 1000.0],
            SERVER_OVERHEAD,
            2307.0 * GB200_USD_PER_TFLOP,
            TPU7,
        ),
        acc(
            "trn2",
            "AWS Trainium2",
            2025,
            [667.0, 1299.0, 96.0, 500.0],
            0.5 * SERVER_OVERHEAD,
            667.0 * GB200_USD_PER_TFLOP,
            TRN2,
        ),
    ]
}

/// The default mix: the provider's first cluster as reported (about 150k H100, 50k H200 and
/// 30k GB200; xAI statements, 2024–2025), as shares rounded to 0.1 % (65.2 / 21.7 / 13.1).
/// The deal's own mix is not public.
pub fn default_mix() -> Vec<MixRow> {
    let row = |id: &str, pct: f64| MixRow {
        accelerator: id.to_owned(),
        share: Fraction(pct / 100.0),
        available_from_month: 0,
    };
    vec![row("h100", 65.2), row("h200", 21.7), row("gb200", 13.1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_covers_the_required_accelerators_each_with_a_source() {
        let cat = default_catalog();
        for id in ["h100", "h200", "b200", "gb200", "gb300", "mi355x", "tpu7", "trn2"] {
            let a = cat.iter().find(|a| a.id == id).unwrap_or_else(|| panic!("{id} missing"));
            assert!(a.source.len() > 20, "{id} has no source");
            assert!(a.it_kw.value() * 1000.0 >= a.tdp_w, "{id}: all-in power below TDP");
            assert!(a.fp8_tflops >= a.bf16_tflops);
        }
    }

    #[test]
    fn derived_figures_by_hand() {
        let cat = default_catalog();
        let gb200 = cat.iter().find(|a| a.id == "gb200").unwrap();
        assert!((gb200.unit_price.value() - 47_222.22).abs() < 0.01);
        let mi = cat.iter().find(|a| a.id == "mi355x").unwrap();
        // 1.4 kW × (1.275 / 0.7) = 2.55 kW
        assert!((mi.it_kw.value() - 2.55).abs() < 1e-12);
        let mix = default_mix();
        let total: f64 = mix.iter().map(|r| r.share.value()).sum();
        assert!((total - 1.0).abs() < 1e-12);
    }

    #[test]
    fn weighted_averages_follow_the_shares() {
        let hw = Hardware { catalog: default_catalog(), mix: default_mix() };
        // 86.9 % × 1.275 + 13.1 % × 1.75
        let kw = hw.weighted(|a| a.it_kw.value());
        assert!((kw - (0.869 * 1.275 + 0.131 * 1.75)).abs() < 1e-12);
    }

    #[test]
    fn the_mix_reads_in_names_and_percentages() {
        let mut hw = Hardware { catalog: default_catalog(), mix: default_mix() };
        assert_eq!(hw.mix_text(), "65.2 % NVIDIA H100, 21.7 % NVIDIA H200, 13.1 % NVIDIA GB200 NVL72");
        hw.mix[2].available_from_month = 12;
        hw.mix[1].accelerator = "mystery".to_owned();
        assert_eq!(
            hw.mix_text(),
            "65.2 % NVIDIA H100, 21.7 % mystery, 13.1 % NVIDIA GB200 NVL72 from month 12",
            "an id the catalog lacks is named as it is"
        );
    }
}
