//! Resilience: how much of the contracted fleet outages can take away at once, and what
//! spreading it across sites, providers and regions buys.
//!
//! The capacity is split across sites (or providers) by share. Each site has its own outages
//! (a Poisson process of whole-site events with exponential durations: a cooling or power-train
//! failure, a fire, a fibre cut); each region has correlated events that take a share of the
//! capacity of every site in it at once (a winter storm that freezes grid and gas together, a
//! political or permitting decision). A seeded Monte Carlo simulation walks each draw's events
//! through the term and records the capacity available at every moment, the GPU-hours lost and
//! the worst moment. The same simulation runs for two counterfactual layouts — everything at the
//! largest site, and every site in a region of its own — so the difference shows what
//! decentralisation buys. Equations and sources: DESIGN.md, "Resilience".
//!
//! Power shortfalls hour by hour (grid interruptions, gas-unit trips, a battery running dry)
//! are the energy model's; the events here are the ones that take a whole site down whatever
//! its supply.

use crate::error::FieldError;
use crate::inputs::{trim_number, whole_range, ListField};
use crate::rng::Rng;
use crate::scenario::Scenario;
use crate::sources::{Citation, Confidence};
use crate::uncertainty::stats::{self, Bin, Summary};
use crate::units::Fraction;
pub use crate::validate::free_name;
use crate::validate::{check_name, percent_sum};
use serde::{Deserialize, Serialize};

/// Hours in an average year (365.25 days).
pub const HOURS_PER_YEAR: f64 = 8766.0;
/// Most sites or providers.
pub const MAX_SITES: usize = 16;
/// Most regions.
pub const MAX_REGIONS: usize = 8;
/// Longest site or region name.
pub const MAX_NAME_CHARS: usize = 60;
/// Fewest and most draws.
pub const SAMPLES: (u32, u32) = (100, 100_000);
/// Most outage events one simulation may draw on average, over all draws and layouts (keeps a
/// run to a few seconds in the browser's worker even for extreme settings).
pub const MAX_EVENTS: f64 = 20e6;
/// Capacity levels the curves are reported at: 5 %, 10 %, … 100 % of the fleet.
pub const LEVELS: usize = 20;
/// Bins of the lost-GPU-hours histogram.
pub const HISTOGRAM_BINS: usize = 24;

/// Uptime Institute: one in five organisations had a serious or severe outage in three years.
pub const SITE_OUTAGE_RATE: Citation = Citation {
    id: "resilience.site.outages_per_year",
    source: "Uptime Institute, Annual Outage Analysis 2022 (press release, June 2022)",
    date: "2022-06",
    confidence: Confidence::Derived,
    note: "One in five organisations reported a \"serious\" or \"severe\" outage in the past three \
           years: a Poisson rate λ with 1 − e^(−3λ) = 0.2 gives λ = 0.074 per year per site.",
};

/// Tier III downtime spread over that outage rate.
pub const SITE_OUTAGE_HOURS: Citation = Citation {
    id: "resilience.site.mean_outage_hours",
    source: "Uptime Institute, Turner, Seader & Brill, \"Tier Classifications Define Site \
             Infrastructure Performance\" (white paper): Tier III annual downtime due to the site \
             1.6 hours (99.982 % availability)",
    date: "2006",
    confidence: Confidence::Derived,
    note: "1.6 hours a year of Tier III site downtime over 0.074 serious outages a year gives a \
           mean outage of 21.5 hours.",
};

/// Winter Storm Uri: a region-wide grid and gas failure lasting days.
pub const REGION_EVENT: Citation = Citation {
    id: "resilience.region.winter_storm",
    source: "FERC, NERC and Regional Entity staff, \"The February 2021 Cold Weather Outages in \
             Texas and the South Central United States\" (final report and FERC release, \
             2021-11-16)",
    date: "2021-11",
    confidence: Confidence::Derived,
    note: "One region-wide emergency that lasted days (February 2021) in the decade since the \
           previous one (February 2011): 0.1 a year. Natural gas supply caused 87 % of the fuel \
           outages, so grid and on-site gas failed together; customers were without power \
           \"for as long as four days\": a 96-hour mean event taking the whole site.",
};

/// The capacity split and the events that can take it away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resilience {
    /// The sites or providers the contracted capacity is split across.
    pub sites: Vec<ResilienceSite>,
    /// Regional or political events, each hitting every site in its region at once.
    pub regions: Vec<Region>,
    /// Draws of the term's events.
    pub samples: u32,
    /// The seed: the same seed and sample count give the same results everywhere.
    pub seed: u32,
}

/// One site or provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResilienceSite {
    /// What users call it.
    pub name: String,
    /// Its share of the contracted capacity.
    pub share: Fraction,
    /// The region whose events also hit it (a region's name; empty = none).
    pub region: String,
    /// Whole-site outages per year.
    pub outages_per_year: f64,
    /// Mean length of one, hours (exponentially distributed).
    pub mean_outage_hours: f64,
}

/// A regional or political event that hits every site in the region at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// What users call it (sites name it in [`ResilienceSite::region`]).
    pub name: String,
    /// Events per year.
    pub events_per_year: f64,
    /// Mean length of one, hours (exponentially distributed).
    pub mean_event_hours: f64,
    /// The share of each affected site's capacity an event takes out.
    pub capacity_lost: Fraction,
}

impl Resilience {
    /// Gives every site the same share, in hundredths of a percent that add up to exactly 100 %
    /// (three sites: 33.34, 33.33 and 33.33 %, not 33.333333 % each).
    pub fn split_evenly(&mut self) {
        let n = self.sites.len().max(1) as u32;
        let (each, extra) = (10_000 / n, 10_000 % n);
        for (i, site) in (0u32..).zip(&mut self.sites) {
            site.share = Fraction(f64::from(each + u32::from(i < extra)) / 10_000.0);
        }
    }

    /// The reported deal's layout: `sites` equal sites in one region exposed to a South-Central
    /// US winter storm, each with the sourced outage rate and length.
    pub fn deal_default(sites: u32) -> Self {
        let n = sites.max(1);
        let region = "US South Central";
        Self {
            sites: (1..=n)
                .map(|i| ResilienceSite {
                    name: format!("Site {i}"),
                    share: Fraction(1.0 / f64::from(n)),
                    region: region.to_owned(),
                    outages_per_year: 0.074,
                    mean_outage_hours: 21.5,
                })
                .collect(),
            regions: vec![Region {
                name: region.to_owned(),
                events_per_year: 0.1,
                mean_event_hours: 96.0,
                capacity_lost: Fraction(1.0),
            }],
            samples: 10_000,
            seed: 1,
        }
    }

    /// Follows the facility from `from` to `to` sites: the sites the facility has are the ones
    /// whose outages count. A default layout (nobody has edited it) becomes the default for the
    /// new count. An edited layout with one row per facility site, each holding an equal share
    /// as the facility's sites do (named, in regions of their own: the three-sites preset),
    /// keeps its first rows, drops the last or copies the last under a free name, as the energy
    /// supply does ([`crate::energy::Energy::resize_sites`]), and splits the shares evenly again.
    /// A layout of another length or with unequal shares (providers, say) is kept. At most
    /// [`MAX_SITES`] sites.
    pub fn follow_sites(&mut self, from: u32, to: u32) {
        let to = to.clamp(1, MAX_SITES as u32) as usize;
        let default = Self::deal_default(self.sites.len() as u32);
        if self.sites == default.sites && self.regions == default.regions {
            let new = Self::deal_default(to as u32);
            self.sites = new.sites;
            self.regions = new.regions;
            return;
        }
        // Equal to the hundredth of a percent `split_evenly` works in (twelve sites: 8.34 and
        // 8.33 %).
        let hundredths = |s: &ResilienceSite| (s.share.value() * 10_000.0).round();
        let (lo, hi) = self
            .sites
            .iter()
            .map(hundredths)
            .fold((f64::MAX, f64::MIN), |(lo, hi), h| (lo.min(h), hi.max(h)));
        // A facility past the layout's limit has a row for each of its first MAX_SITES sites.
        let rows = (from as usize).min(MAX_SITES);
        if self.sites.is_empty() || self.sites.len() != rows || self.sites.len() == to || hi - lo > 1.0 {
            return;
        }
        self.sites.truncate(to);
        while self.sites.len() < to {
            let taken: Vec<&str> = self.sites.iter().map(|s| s.name.as_str()).collect();
            let name = free_name("Site", self.sites.len() + 1, &taken);
            let copy = ResilienceSite { name, ..self.sites[self.sites.len() - 1].clone() };
            self.sites.push(copy);
        }
        self.split_evenly();
    }

    /// The sources of the default figures.
    pub const CITATIONS: [Citation; 3] = [SITE_OUTAGE_RATE, SITE_OUTAGE_HOURS, REGION_EVENT];
}

/// The numbers of a site row.
pub static SITE_FIELDS: &[ListField<ResilienceSite>] = &[
    ListField {
        key: "share",
        label: "Share",
        help: "Its share of the contracted capacity; the shares add up to 100 %.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        step: 1.0,
        integer: false,
        read: |s| Some(s.share.value()),
        write: |s, v| s.share = Fraction(v),
    },
    ListField {
        key: "outages_per_year",
        label: "Outages",
        help: "Whole-site outages a year (cooling, power train, fire, network).",
        unit: "per year",
        scale: 1.0,
        min: 0.0,
        max: 365.0,
        step: 0.01,
        integer: false,
        read: |s| Some(s.outages_per_year),
        write: |s, v| s.outages_per_year = v,
    },
    ListField {
        key: "mean_outage_hours",
        label: "Mean outage",
        help: "How long one lasts on average.",
        unit: "h",
        scale: 1.0,
        min: 0.1,
        max: 8766.0,
        step: 0.5,
        integer: false,
        read: |s| Some(s.mean_outage_hours),
        write: |s, v| s.mean_outage_hours = v,
    },
];

/// The numbers of a region row.
pub static REGION_FIELDS: &[ListField<Region>] = &[
    ListField {
        key: "events_per_year",
        label: "Events",
        help: "Region-wide events a year (storm, grid emergency, political decision).",
        unit: "per year",
        scale: 1.0,
        min: 0.0,
        max: 52.0,
        step: 0.01,
        integer: false,
        read: |r| Some(r.events_per_year),
        write: |r, v| r.events_per_year = v,
    },
    ListField {
        key: "mean_event_hours",
        label: "Mean event",
        help: "How long one lasts on average.",
        unit: "h",
        scale: 1.0,
        min: 0.1,
        max: 8766.0,
        step: 1.0,
        integer: false,
        read: |r| Some(r.mean_event_hours),
        write: |r, v| r.mean_event_hours = v,
    },
    ListField {
        key: "capacity_lost",
        label: "Capacity lost",
        help: "The share of each site in the region an event takes out.",
        unit: "%",
        scale: 0.01,
        min: 0.0,
        max: 1.0,
        step: 1.0,
        integer: false,
        read: |r| Some(r.capacity_lost.value()),
        write: |r, v| r.capacity_lost = Fraction(v),
    },
];

/// The path of a site's field in the scenario JSON.
pub fn site_path(i: usize, key: &str) -> String {
    format!("resilience.sites.{i}.{key}")
}

/// The path of a region's field in the scenario JSON.
pub fn region_path(i: usize, key: &str) -> String {
    format!("resilience.regions.{i}.{key}")
}

/// What is wrong with the resilience settings, field by field (empty when they can run).
/// `years` is the term's length: it bounds how many events a run may draw.
pub fn problems(r: &Resilience, years: f64) -> Vec<FieldError> {
    let mut out = Vec::new();
    if r.sites.is_empty() || r.sites.len() > MAX_SITES {
        out.push(FieldError::new(
            "resilience.sites",
            format!("List between 1 and {MAX_SITES} sites or providers, got {}", r.sites.len()),
        ));
    }
    if r.regions.len() > MAX_REGIONS {
        out.push(FieldError::new(
            "resilience.regions",
            format!("List at most {MAX_REGIONS} regions, got {}", r.regions.len()),
        ));
    }
    let site_names: Vec<&str> = r.sites.iter().map(|s| s.name.as_str()).collect();
    let region_names: Vec<&str> = r.regions.iter().map(|g| g.name.as_str()).collect();
    let twice = ": the results name sites, give each its own";
    for (i, site) in r.sites.iter().enumerate() {
        check_name(&mut out, &site_names, i, site_path(i, "name"), "A site", MAX_NAME_CHARS, twice);
        for f in SITE_FIELDS {
            if let Some(Err(m)) = f.get(site).map(|v| f.check(v)) {
                out.push(FieldError::new(site_path(i, f.key), m));
            }
        }
        if !site.region.is_empty() && !r.regions.iter().any(|g| g.name == site.region) {
            out.push(FieldError::new(
                site_path(i, "region"),
                format!("{}: no region is called \"{}\"", site.name, site.region),
            ));
        }
    }
    let total: f64 = r.sites.iter().map(|s| s.share.value()).sum();
    if !r.sites.is_empty() && (total - 1.0).abs() > 1e-6 {
        out.push(FieldError::new(
            "resilience.sites",
            format!("The shares must add up to 100 %, now {} %", percent_sum(total)),
        ));
    }
    for (i, region) in r.regions.iter().enumerate() {
        check_name(&mut out, &region_names, i, region_path(i, "name"), "A region", MAX_NAME_CHARS, "");
        for f in REGION_FIELDS {
            if let Some(Err(m)) = f.get(region).map(|v| f.check(v)) {
                out.push(FieldError::new(region_path(i, f.key), m));
            }
        }
    }
    if !(SAMPLES.0..=SAMPLES.1).contains(&r.samples) {
        out.push(FieldError::new(
            "resilience.samples",
            whole_range("Draws", SAMPLES, &r.samples.to_string()),
        ));
    }
    if out.is_empty() {
        // Events per hour over every layout, times the term's hours and the draws.
        let per_draw: f64 =
            Layout::ALL.iter().map(|l| hazards(r, *l).iter().map(|h| h.rate).sum::<f64>()).sum();
        let events = per_draw * HOURS_PER_YEAR * years * f64::from(r.samples);
        if events > MAX_EVENTS {
            out.push(FieldError::new(
                "resilience.samples",
                format!(
                    "These rates draw about {} million outage events; lower the draws or the rates to \
                     at most {} million",
                    trim_number((events / 1e6).round()),
                    trim_number(MAX_EVENTS / 1e6)
                ),
            ));
        }
    }
    out
}

/// A way of laying the same capacity out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// The sites, shares and regions as entered.
    AsPlanned,
    /// Everything at the largest site (its outages and its region's events).
    OneSite,
    /// The same sites, each in a region of its own with an independent copy of its region's
    /// events (what geographic spread alone buys).
    Spread,
}

impl Layout {
    /// Every layout, in report order.
    pub const ALL: [Self; 3] = [Self::AsPlanned, Self::OneSite, Self::Spread];

    /// A short human label.
    pub fn label(self) -> &'static str {
        match self {
            Self::AsPlanned => "As planned",
            Self::OneSite => "All at the largest site",
            Self::Spread => "Each site in its own region",
        }
    }
}

/// One source of events: how often, how long, and what share of which site each takes.
#[derive(Debug, Clone, PartialEq)]
struct Hazard {
    /// Events per hour.
    rate: f64,
    /// Mean length, hours.
    mean_hours: f64,
    /// (site, share of the site's capacity lost).
    hits: Vec<(usize, f64)>,
}

/// The capacity shares and hazards of `layout`.
fn layout(r: &Resilience, layout: Layout) -> (Vec<f64>, Vec<Hazard>) {
    match layout {
        Layout::OneSite => (vec![1.0], hazards(r, layout)),
        _ => (r.sites.iter().map(|s| s.share.value()).collect(), hazards(r, layout)),
    }
}

/// The hazards of `layout`, rates per hour.
fn hazards(r: &Resilience, layout: Layout) -> Vec<Hazard> {
    let per_hour = 1.0 / HOURS_PER_YEAR;
    let site = |s: &ResilienceSite, at: usize| Hazard {
        rate: s.outages_per_year * per_hour,
        mean_hours: s.mean_outage_hours,
        hits: vec![(at, 1.0)],
    };
    let region_of =
        |s: &ResilienceSite| r.regions.iter().find(|g| !s.region.is_empty() && g.name == s.region);
    let regional = |g: &Region, hits: Vec<(usize, f64)>| Hazard {
        rate: g.events_per_year * per_hour,
        mean_hours: g.mean_event_hours,
        hits,
    };
    let mut out = Vec::new();
    match layout {
        Layout::AsPlanned => {
            out.extend(r.sites.iter().enumerate().map(|(i, s)| site(s, i)));
            // Regions in the order of their first site, as each site in its own region lists
            // them, so the two layouts list the same hazards where they are the same (a region
            // no site names hits nothing and is left out below).
            let mut regions: Vec<&Region> = Vec::new();
            for g in r.sites.iter().filter_map(region_of) {
                if !regions.iter().any(|seen| seen.name == g.name) {
                    regions.push(g);
                }
            }
            for g in regions {
                let hits: Vec<_> = r
                    .sites
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.region == g.name)
                    .map(|(i, _)| (i, g.capacity_lost.value()))
                    .collect();
                if !hits.is_empty() {
                    out.push(regional(g, hits));
                }
            }
        }
        Layout::OneSite => {
            if let Some(largest) = largest_site(r) {
                out.push(site(largest, 0));
                if let Some(g) = region_of(largest) {
                    out.push(regional(g, vec![(0, g.capacity_lost.value())]));
                }
            }
        }
        Layout::Spread => {
            // Sites, then regions, as planned: where the two layouts are the same (no region
            // shared) they list the same hazards and so draw the same outages.
            out.extend(r.sites.iter().enumerate().map(|(i, s)| site(s, i)));
            for (i, s) in r.sites.iter().enumerate() {
                if let Some(g) = region_of(s) {
                    out.push(regional(g, vec![(i, g.capacity_lost.value())]));
                }
            }
        }
    }
    // A hit that takes nothing (no capacity lost, or a site with no share) is no event at all.
    let share = |i: usize| if layout == Layout::OneSite { 1.0 } else { r.sites[i].share.value() };
    for h in &mut out {
        h.hits.retain(|(i, lost)| *lost > 0.0 && share(*i) > 0.0);
    }
    out.retain(|h| h.rate > 0.0 && !h.hits.is_empty());
    out
}

/// The site with the largest share (the first of equals).
fn largest_site(r: &Resilience) -> Option<&ResilienceSite> {
    r.sites.iter().reduce(|a, b| if b.share.value() > a.share.value() { b } else { a })
}

/// How concentrated the capacity is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Concentration {
    /// The largest single site's or provider's share.
    pub largest_site: f64,
    /// The most capacity one event can take at once (a site outage or a regional event).
    pub largest_event: f64,
    /// The effective number of equal sites, 1 / Σ share² (the inverse Herfindahl–Hirschman index).
    pub effective_sites: f64,
}

/// The concentration metrics of the layout as planned.
pub fn concentration(r: &Resilience) -> Concentration {
    let shares = r.sites.iter().map(|s| s.share.value());
    let largest_site = shares.clone().fold(0.0, f64::max);
    let hhi: f64 = shares.map(|s| s * s).sum();
    let largest_event = hazards(r, Layout::AsPlanned)
        .iter()
        .map(|h| h.hits.iter().map(|(i, lost)| r.sites[*i].share.value() * lost).sum::<f64>())
        .fold(0.0, f64::max);
    Concentration { largest_site, largest_event, effective_sites: if hhi > 0.0 { 1.0 / hhi } else { 0.0 } }
}

/// The results of one layout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LayoutResult {
    /// Which layout.
    pub layout: Layout,
    /// The share of the term's installed GPU-hours available, averaged over the draws.
    pub availability: f64,
    /// GPU-hours lost over the term: an outage takes its share of the GPUs installed at the time.
    pub lost_gpu_hours: Summary,
    /// Their histogram (with the empirical CDF).
    pub lost_histogram: Vec<Bin>,
    /// The worst moment of each draw: the least capacity available, as a share of the fleet.
    pub worst_capacity: Summary,
    /// For capacity level `(k + 1) / LEVELS`: the probability that capacity falls below it at
    /// some moment of the term.
    pub p_below: Vec<f64>,
    /// For the same levels: hours a year below it, averaged over the draws.
    pub hours_below_per_year: Vec<f64>,
    /// Draws in which at least one event happened.
    pub p_any_event: f64,
}

impl LayoutResult {
    /// Whether `other` has the same figures, whatever its layout: every layout draws the same
    /// events, so a layout that is the plan itself (one site, or each site already in its own
    /// region) gives the plan's figures exactly.
    pub fn same_figures(&self, other: &Self) -> bool {
        let Self {
            layout: _,
            availability,
            lost_gpu_hours,
            lost_histogram,
            worst_capacity,
            p_below,
            hours_below_per_year,
            p_any_event,
        } = self;
        *availability == other.availability
            && *lost_gpu_hours == other.lost_gpu_hours
            && *lost_histogram == other.lost_histogram
            && *worst_capacity == other.worst_capacity
            && *p_below == other.p_below
            && *hours_below_per_year == other.hours_below_per_year
            && *p_any_event == other.p_any_event
    }
}

/// The resilience of a scenario's capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResilienceReport {
    /// The term's hours.
    pub term_hours: f64,
    /// Accelerators contracted (the capacity at 100 %).
    pub gpus: f64,
    /// The GPU-hours installed over the term (the contract's schedule as far as the datacenter
    /// installs it): what outages are measured against.
    pub installed_gpu_hours: f64,
    /// Draws per layout.
    pub samples: u32,
    /// How concentrated the plan is.
    pub concentration: Concentration,
    /// The plan and the two counterfactual layouts, in [`Layout::ALL`] order.
    pub layouts: Vec<LayoutResult>,
}

impl ResilienceReport {
    /// The results of `layout`.
    pub fn of(&self, layout: Layout) -> &LayoutResult {
        self.layouts.iter().find(|l| l.layout == layout).expect("every layout is simulated")
    }
}

/// The capacity level of curve point `k`.
pub fn level(k: usize) -> f64 {
    (k + 1) as f64 / LEVELS as f64
}

/// An exponential draw with mean `mean`.
fn exponential(mean: f64, rng: &mut Rng) -> f64 {
    -mean * libm::log(rng.open01())
}

/// The contract term's calendar hours (what the simulation runs over).
pub fn term_hours(s: &Scenario) -> f64 {
    (0..s.contract.term_months).map(|m| s.contract.start.plus(m).hours().value()).sum()
}

/// The fleet outages strike: the GPUs installed each month (the contract's schedule, its ramp and
/// delay applied, as far as the datacenter installs it), as GPU-hours accumulated from the start
/// of the term.
struct Fleet {
    /// The hour each month starts, from the start of the term.
    starts: Vec<f64>,
    /// GPUs installed each month.
    gpus: Vec<f64>,
    /// GPU-hours installed before each month.
    before: Vec<f64>,
    /// GPU-hours installed over the term.
    total: f64,
    /// The hour the first GPUs are installed (the term's end if none are).
    first: f64,
}

impl Fleet {
    /// The fleet of a valid scenario.
    fn of(s: &Scenario) -> Self {
        let planned = crate::contract::evaluate(&s.contract);
        let dc = crate::datacenter::evaluate(&s.hardware, &s.facility, &planned, s.energy.seasons());
        let (mut starts, mut gpus, mut before) = (Vec::new(), Vec::new(), Vec::new());
        let (mut hour, mut total) = (0.0, 0.0);
        for d in &dc.months {
            let n = d.installed_gpus;
            let hours = d.month.hours().value();
            starts.push(hour);
            gpus.push(n);
            before.push(total);
            hour += hours;
            total += n * hours;
        }
        let first = gpus.iter().position(|n| *n > 0.0).map_or(hour, |k| starts[k]);
        Self { starts, gpus, before, total, first }
    }

    /// GPU-hours installed from the start of the term to hour `t`.
    fn to(&self, t: f64) -> f64 {
        let k = self.starts.partition_point(|&x| x <= t).saturating_sub(1);
        self.gpus.get(k).map_or(0.0, |n| self.before[k] + n * (t - self.starts[k]))
    }
}

/// What is wrong with the scenario's resilience settings, over its term (see [`problems`]).
pub fn scenario_problems(s: &Scenario) -> Vec<FieldError> {
    problems(&s.resilience, term_hours(s) / HOURS_PER_YEAR)
}

/// Simulates the scenario's resilience settings over its term and the fleet installed.
///
/// # Errors
/// Every problem of the settings (see [`problems`]).
pub fn simulate(s: &Scenario) -> Result<ResilienceReport, Vec<FieldError>> {
    let r = &s.resilience;
    let term_hours = term_hours(s);
    // The fleet comes from the datacenter model, which needs a valid scenario.
    let mut problems = scenario_problems(s);
    problems.extend(crate::validate::problems(s));
    if !problems.is_empty() {
        return Err(problems);
    }
    let fleet = Fleet::of(s);
    // Every layout draws from the same stream (common random numbers): layouts that are the same
    // (one site in one region) give the same figures, and the differences between the others are
    // the layouts', not the draws' (each had a stream of its own until 2026-12-01, and one site
    // read 99.873, 99.875 and 99.874 % available three ways).
    let layouts = Layout::ALL
        .iter()
        .map(|l| {
            let (shares, hazards) = layout(r, *l);
            run(*l, &shares, &hazards, term_hours, &fleet, r.samples, &mut Rng::new(u64::from(r.seed), 0))
        })
        .collect();
    Ok(ResilienceReport {
        term_hours,
        gpus: f64::from(s.contract.gpus),
        installed_gpu_hours: fleet.total,
        samples: r.samples,
        concentration: concentration(r),
        layouts,
    })
}

/// One event boundary: at `time`, hazard `hazard` becomes active (`+1`) or ends (`-1`).
#[derive(Debug, Clone, Copy)]
struct Boundary {
    time: f64,
    hazard: usize,
    step: i32,
}

/// Draws `samples` terms of `hazards` over capacity `shares` and summarises them.
fn run(
    which: Layout,
    shares: &[f64],
    hazards: &[Hazard],
    term: f64,
    fleet: &Fleet,
    samples: u32,
    rng: &mut Rng,
) -> LayoutResult {
    let n = samples as usize;
    let mut lost = Vec::with_capacity(n);
    let mut worst = Vec::with_capacity(n);
    let mut ever_below = [0u32; LEVELS];
    let mut hours_below = [0.0f64; LEVELS];
    let mut with_event = 0u32;
    let mut bounds: Vec<Boundary> = Vec::new();
    let mut active = vec![0i32; hazards.len()];
    let mut site_lost = vec![0.0f64; shares.len()];
    for _ in 0..n {
        bounds.clear();
        for (h, hazard) in hazards.iter().enumerate() {
            let mut t = 0.0;
            loop {
                t += exponential(1.0 / hazard.rate, rng);
                if t >= term {
                    break;
                }
                let end = (t + exponential(hazard.mean_hours, rng)).min(term);
                // Over before the first GPUs are installed: it takes nothing (the draws are made
                // all the same, so every layout keeps its common random numbers).
                if end <= fleet.first {
                    continue;
                }
                bounds.push(Boundary { time: t.max(fleet.first), hazard: h, step: 1 });
                bounds.push(Boundary { time: end, hazard: h, step: -1 });
            }
        }
        if bounds.is_empty() {
            lost.push(0.0);
            worst.push(1.0);
            continue;
        }
        with_event += 1;
        crate::math::sort_by(&mut bounds, |a, b| a.time.total_cmp(&b.time).then(a.step.cmp(&b.step)));
        active.fill(0);
        let (mut lost_gpu_hours, mut min_capacity) = (0.0, 1.0f64);
        let mut below = [false; LEVELS];
        let mut capacity = 1.0;
        let mut at = 0.0;
        for b in &bounds {
            let span = b.time - at;
            if span > 0.0 {
                if capacity < 1.0 {
                    lost_gpu_hours += (1.0 - capacity) * (fleet.to(b.time) - fleet.to(at));
                }
                for k in 0..LEVELS {
                    if capacity < level(k) - 1e-12 {
                        hours_below[k] += span;
                        below[k] = true;
                    }
                }
                min_capacity = min_capacity.min(capacity);
            }
            at = b.time;
            active[b.hazard] += b.step;
            site_lost.fill(0.0);
            for (h, hazard) in hazards.iter().enumerate() {
                if active[h] > 0 {
                    for &(i, l) in &hazard.hits {
                        site_lost[i] = site_lost[i].max(l);
                    }
                }
            }
            // 1 − Σ sᵢ·ℓᵢ rather than Σ sᵢ·(1 − ℓᵢ): shares that add up to 100 % only within
            // the validation's tolerance must not leave the fleet "below 100 %" forever.
            capacity = (1.0 - shares.iter().zip(&site_lost).map(|(s, l)| s * l).sum::<f64>()).clamp(0.0, 1.0);
        }
        // Every event has ended by the last boundary, so capacity is back to full until the end.
        for (k, b) in below.iter().enumerate() {
            ever_below[k] += u32::from(*b);
        }
        lost.push(lost_gpu_hours);
        worst.push(min_capacity);
    }
    let years = term / HOURS_PER_YEAR;
    let total = f64::from(samples);
    let mean_lost = lost.iter().sum::<f64>() / total;
    stats::sort(&mut lost);
    stats::sort(&mut worst);
    LayoutResult {
        layout: which,
        availability: if fleet.total > 0.0 { 1.0 - mean_lost / fleet.total } else { 1.0 },
        lost_histogram: stats::histogram(&lost, HISTOGRAM_BINS),
        lost_gpu_hours: Summary::of_sorted(&lost),
        worst_capacity: Summary::of_sorted(&worst),
        p_below: ever_below.iter().map(|c| f64::from(*c) / total).collect(),
        hours_below_per_year: hours_below.iter().map(|h| h / total / years.max(f64::MIN_POSITIVE)).collect(),
        p_any_event: f64::from(with_event) / total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_layout_follows_the_facilitys_sites_and_an_edited_one_stays() {
        let sites = crate::inputs::input("facility.sites").unwrap();
        let mut s = Scenario::default();
        sites.set(&mut s, 3.0);
        assert_eq!(s.resilience.sites, Resilience::deal_default(3).sites);
        assert!(crate::validate::problems(&s).is_empty());
        sites.set(&mut s, 1.0);
        assert_eq!(s.resilience.sites, Resilience::deal_default(1).sites);
        // Edited (two providers at 70/30): a change of the facility's sites leaves it alone.
        sites.set(&mut s, 2.0);
        s.resilience.sites[0].share = Fraction(0.7);
        s.resilience.sites[1].share = Fraction(0.3);
        let edited = s.resilience.clone();
        sites.set(&mut s, 4.0);
        assert_eq!(s.resilience, edited);
        // More sites than the layout can list: as many as it can, and still valid.
        let mut s = Scenario::default();
        sites.set(&mut s, 20.0);
        assert_eq!(s.resilience.sites.len(), MAX_SITES);
        assert!(crate::validate::problems(&s).iter().all(|p| !p.field.starts_with("resilience")));
        // A layout left at the default for another count (an older link) follows too.
        let mut s = Scenario::default();
        s.facility.sites = 3;
        s.energy.resize_sites(3);
        sites.set(&mut s, 4.0);
        assert_eq!(s.resilience.sites.len(), 4);
        // Three named sites in regions of their own, a third each: two keep their first two
        // rows at half each; four copy the last under a free name at a quarter each.
        let three = crate::presets::by_id("three-sites").unwrap().scenario();
        let mut s = three.clone();
        sites.set(&mut s, 2.0);
        assert_eq!(s.resilience.sites.len(), 2);
        for (site, was) in s.resilience.sites.iter().zip(&three.resilience.sites) {
            assert_eq!((&site.name, &site.region, site.share), (&was.name, &was.region, Fraction(0.5)));
        }
        assert_eq!(s.resilience.regions, three.resilience.regions);
        assert!(crate::validate::problems(&s).is_empty());
        let mut s = three.clone();
        sites.set(&mut s, 4.0);
        let names: Vec<&str> = s.resilience.sites.iter().map(|x| x.name.as_str()).collect();
        let energy: Vec<&str> = s.energy.sites.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, energy);
        assert_eq!(s.resilience.sites[3].region, three.resilience.sites[2].region);
        assert!(s.resilience.sites.iter().all(|x| x.share == Fraction(0.25)));
        assert!(crate::validate::problems(&s).is_empty());
        // Twelve sites split evenly (8.34 and 8.33 %) still follow, and so does a layout that
        // went past the limit of 16 rows: 3 → 12 → 20 → 5 keeps the three sites' names.
        let mut s = three.clone();
        for n in [12.0, 20.0, 5.0] {
            sites.set(&mut s, n);
        }
        assert_eq!(s.resilience.sites.len(), 5);
        assert_eq!(s.resilience.sites[2].name, three.resilience.sites[2].name);
        assert!(s.resilience.sites.iter().all(|x| x.share == Fraction(0.2)));
    }

    fn scenario(f: impl FnOnce(&mut Resilience)) -> Scenario {
        let mut s = Scenario::default();
        f(&mut s.resilience);
        s
    }

    fn site(name: &str, share: f64, region: &str, rate: f64, hours: f64) -> ResilienceSite {
        ResilienceSite {
            name: name.to_owned(),
            share: Fraction(share),
            region: region.to_owned(),
            outages_per_year: rate,
            mean_outage_hours: hours,
        }
    }

    fn region(name: &str, rate: f64, hours: f64, lost: f64) -> Region {
        Region {
            name: name.to_owned(),
            events_per_year: rate,
            mean_event_hours: hours,
            capacity_lost: Fraction(lost),
        }
    }

    fn fields_with_errors(s: &Scenario) -> Vec<String> {
        simulate(s).err().unwrap_or_default().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn one_site_matches_the_poisson_process_it_draws() {
        // λ = 2 a year for 50 hours over the 36-month term: P(no outage) = e^(−λT) and the
        // share of hours down ≈ λ·d (less the little overlap of two outages of one site).
        let s = scenario(|r| {
            r.sites = vec![site("A", 1.0, "", 2.0, 50.0)];
            r.regions.clear();
            r.samples = 20_000;
        });
        let report = simulate(&s).unwrap();
        let plan = report.of(Layout::AsPlanned);
        let years = report.term_hours / HOURS_PER_YEAR;
        let p_none = (-2.0 * years).exp();
        assert!((plan.p_any_event - (1.0 - p_none)).abs() < 0.005, "{}", plan.p_any_event);
        let down = 1.0 - plan.availability;
        let expected = 2.0 * 50.0 / HOURS_PER_YEAR;
        assert!((down / expected - 1.0).abs() < 0.04, "{down} vs {expected}");
        // A whole-site loss: every level is crossed together, and hours below 100 % are the downtime.
        assert!(plan.p_below.windows(2).all(|w| (w[0] - w[1]).abs() < 1e-12));
        let hours = plan.hours_below_per_year[LEVELS - 1];
        assert!((hours / (down * HOURS_PER_YEAR) - 1.0).abs() < 1e-9, "{hours}");
        assert_eq!(plan.lost_gpu_hours.n, 20_000);
        assert!(
            (plan.lost_gpu_hours.mean - down * report.term_hours * report.gpus).abs()
                < 1e-6 * plan.lost_gpu_hours.mean
        );
        // One site is the plan in every layout, figure for figure; the default's are not.
        assert!(report.layouts.iter().all(|l| l.same_figures(plan)));
        let default = simulate(&scenario(|r| r.samples = 2_000)).unwrap();
        let plan = default.of(Layout::AsPlanned);
        assert!(plan.same_figures(plan) && !default.of(Layout::OneSite).same_figures(plan));
    }

    #[test]
    fn outages_take_only_the_gpus_installed_at_the_time() {
        // A 12-month delay: a third of the term has no GPUs to lose, so the same draws lose about
        // a third fewer GPU-hours, and availability (against the installed GPU-hours) is as before.
        let base = scenario(|r| r.samples = 4000);
        let mut late = base.clone();
        late.contract.ramp_delay_months = 12;
        let (a, b) = (simulate(&base).unwrap(), simulate(&late).unwrap());
        let ratio = b.installed_gpu_hours / a.installed_gpu_hours;
        assert!((ratio - 24.0 / 36.0).abs() < 0.01, "{ratio}");
        let (x, y) = (a.of(Layout::AsPlanned), b.of(Layout::AsPlanned));
        let lost = y.lost_gpu_hours.mean / x.lost_gpu_hours.mean;
        assert!((lost - ratio).abs() < 0.08, "lost {lost} vs scheduled {ratio}");
        assert!(((1.0 - y.availability) / (1.0 - x.availability) - 1.0).abs() < 0.1);
        // No outage within the delay loses anything: the fleet's GPU-hours start at month 12.
        let fleet = Fleet::of(&late);
        let year = fleet.starts[12];
        assert_eq!(fleet.to(year), 0.0);
        assert!((fleet.to(year + 10.0) - 10.0 * 325_000.0).abs() < 1e-6);
        assert!((fleet.to(term_hours(&late)) - fleet.total).abs() < 1e-3);
        // Halls that stand only from month 18: nothing installed, nothing lost, before then.
        let mut slow = base.clone();
        slow.facility.construction_months = 18;
        let fleet = Fleet::of(&slow);
        assert_eq!(fleet.to(fleet.starts[18]), 0.0);
        let slow_report = simulate(&slow).unwrap();
        let slow_plan = slow_report.of(Layout::AsPlanned);
        let lost = slow_plan.lost_gpu_hours.mean / x.lost_gpu_hours.mean;
        assert!((lost - 0.5).abs() < 0.08, "{lost}");
        // Events over before then are no events: the chances follow the installed half of the
        // term (P(any) = 1 − e^(−λT/2) against 1 − e^(−λT)), and so do the hours below 100 %.
        let rate = -(1.0 - x.p_any_event).ln();
        assert!(
            (slow_plan.p_any_event - (1.0 - (-rate / 2.0).exp())).abs() < 0.03,
            "{} vs {}",
            slow_plan.p_any_event,
            x.p_any_event
        );
        let below = slow_plan.hours_below_per_year[LEVELS - 1] / x.hours_below_per_year[LEVELS - 1];
        assert!((below - 0.5).abs() < 0.1, "{below}");
    }

    #[test]
    fn a_regional_event_takes_its_share_of_every_site_in_the_region_at_once() {
        let s = scenario(|r| {
            r.sites = vec![
                site("A", 0.5, "R", 0.0, 1.0),
                site("B", 0.3, "R", 0.0, 1.0),
                site("C", 0.2, "", 0.0, 1.0),
            ];
            r.regions = vec![region("R", 1.0, 24.0, 0.5)];
            r.samples = 2_000;
        });
        let report = simulate(&s).unwrap();
        let plan = report.of(Layout::AsPlanned);
        // Half of A and B (80 % of the fleet) is 40 %: capacity never falls below 60 %.
        assert!((plan.worst_capacity.min - 0.6).abs() < 1e-12, "{}", plan.worst_capacity.min);
        assert_eq!(plan.p_below[11], 0.0, "never below 60 %");
        assert!(plan.p_any_event > 0.5);
        assert!((plan.p_below[12] - plan.p_any_event).abs() < 1e-12, "below 65 % whenever an event happens");
        assert!((report.concentration.largest_event - 0.4).abs() < 1e-12);
        assert!((report.concentration.largest_site - 0.5).abs() < 1e-12);
        assert!((report.concentration.effective_sites - 1.0 / 0.38).abs() < 1e-9);
    }

    #[test]
    fn spreading_across_regions_keeps_the_expected_loss_and_cuts_the_tail() {
        // Four equal sites sharing one region's events against the same sites in four regions.
        let s = scenario(|r| {
            r.sites = (0..4).map(|i| site(&format!("S{i}"), 0.25, "R", 0.5, 24.0)).collect();
            r.regions = vec![region("R", 0.5, 72.0, 1.0)];
            r.samples = 20_000;
        });
        let report = simulate(&s).unwrap();
        let (plan, spread, one) =
            (report.of(Layout::AsPlanned), report.of(Layout::Spread), report.of(Layout::OneSite));
        let half = LEVELS / 2 - 1; // capacity below 50 %
        assert!(
            spread.p_below[half] < plan.p_below[half] / 5.0,
            "{} vs {}",
            spread.p_below[half],
            plan.p_below[half]
        );
        assert!(plan.p_below[half] < one.p_below[half]);
        // Expected loss barely moves: spreading changes how losses come, not how many
        // (the plan's shared events overlap less with the site outages than copies do).
        for other in [spread, one] {
            let (a, b) = (1.0 - plan.availability, 1.0 - other.availability);
            assert!((a / b - 1.0).abs() < 0.1, "{a} vs {b}");
        }
        assert!(spread.lost_gpu_hours.p95 < one.lost_gpu_hours.p95);
    }

    #[test]
    fn shares_a_hair_short_of_100_percent_do_not_leave_the_fleet_below_full() {
        let thirds = |share: f64| {
            simulate(&scenario(|r| {
                r.sites = (0..3).map(|i| site(&format!("S{i}"), share, "R", 0.5, 24.0)).collect();
                r.regions = vec![region("R", 0.5, 48.0, 0.5)];
                r.samples = 1_000;
            }))
            .unwrap()
        };
        // 3 × 0.33333333 = 0.99999999: valid (within 1e-6), and the same figures as exact thirds.
        let (typed, exact) = (thirds(0.333_333_33), thirds(1.0 / 3.0));
        for (a, b) in typed.layouts.iter().zip(&exact.layouts) {
            let (x, y) = (a.hours_below_per_year[LEVELS - 1], b.hours_below_per_year[LEVELS - 1]);
            assert!((x - y).abs() < 1e-6 * y.max(1.0), "{:?}: {x} h vs {y} h", a.layout);
            assert_eq!(a.p_below, b.p_below);
        }
    }

    #[test]
    fn events_that_take_nothing_are_no_events() {
        let base = simulate(&Scenario::default()).unwrap();
        // A site with no share and a region whose events take nothing change no figure.
        let padded = simulate(&scenario(|r| {
            r.sites.push(site("Spare", 0.0, "Calm", 5.0, 100.0));
            r.regions.push(region("Calm", 5.0, 100.0, 0.0));
        }))
        .unwrap();
        assert_eq!(base.layouts, padded.layouts);
        assert_eq!(base.concentration, padded.concentration);
    }

    #[test]
    fn the_same_seed_gives_the_same_report_and_another_seed_another() {
        let a = simulate(&Scenario::default()).unwrap();
        assert_eq!(a, simulate(&Scenario::default()).unwrap());
        let b = simulate(&scenario(|r| r.seed = 2)).unwrap();
        assert_ne!(a.layouts[0].lost_gpu_hours, b.layouts[0].lost_gpu_hours);
    }

    #[test]
    fn no_hazards_lose_nothing() {
        let s = scenario(|r| {
            for x in &mut r.sites {
                x.outages_per_year = 0.0;
            }
            r.regions[0].events_per_year = 0.0;
        });
        let report = simulate(&s).unwrap();
        for l in &report.layouts {
            assert_eq!(l.availability, 1.0);
            assert_eq!(l.lost_gpu_hours.max, 0.0);
            assert!(l.p_below.iter().all(|p| *p == 0.0));
        }
        assert_eq!(report.concentration.largest_event, 0.0);
    }

    #[test]
    fn the_defaults_are_valid_and_sourced() {
        assert!(problems(&Resilience::deal_default(2), 3.0).is_empty());
        for c in Resilience::CITATIONS {
            assert!(!c.source.is_empty() && !c.note.is_empty() && c.date.len() >= 4, "{}", c.id);
        }
        let d = Resilience::deal_default(3);
        assert_eq!(d.sites.len(), 3);
        assert!((d.sites.iter().map(|s| s.share.value()).sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn splitting_evenly_gives_hundredths_of_a_percent_that_add_up() {
        for n in 1..=MAX_SITES as u32 {
            let mut r = Resilience::deal_default(n);
            r.sites[0].share = Fraction(0.9);
            r.split_evenly();
            let shares: Vec<f64> = r.sites.iter().map(|s| s.share.value() * 100.0).collect();
            assert!((shares.iter().sum::<f64>() - 100.0).abs() < 1e-9, "{n}: {shares:?}");
            assert!(shares.iter().all(|s| (s * 100.0 - (s * 100.0).round()).abs() < 1e-6), "{n}: {shares:?}");
            let (low, high) = shares.iter().fold((f64::MAX, 0.0f64), |(l, h), s| (l.min(*s), h.max(*s)));
            assert!(high - low < 0.011, "{n}: {shares:?}");
            assert!(problems(&r, 3.0).is_empty(), "{n}: {:?}", problems(&r, 3.0));
        }
        let mut three = Resilience::deal_default(3);
        three.split_evenly();
        assert_eq!(three.sites.iter().map(|s| s.share.value()).collect::<Vec<_>>(), [0.3334, 0.3333, 0.3333]);
    }

    #[test]
    fn a_share_sum_is_shown_to_two_decimals_unless_that_reads_100() {
        assert_eq!(percent_sum(1.566_666_666_7), "156.67");
        assert_eq!(percent_sum(0.9), "90");
        assert_ne!(percent_sum(1.000_01), "100");
    }

    #[test]
    fn a_new_name_is_the_first_free_one() {
        assert_eq!(free_name("Site", 3, &["Site 1", "Site 2"]), "Site 3");
        // After "Site 2" of three was removed, adding must not repeat "Site 3".
        assert_eq!(free_name("Site", 3, &["Site 1", "Site 3"]), "Site 4");
        assert_eq!(free_name("Region", 1, &["Region 1", "Region 2", "Region 3"]), "Region 4");
        assert_eq!(free_name("Region", 1, &[]), "Region 1");
    }

    #[test]
    fn bad_settings_are_named_at_their_field() {
        let f = fields_with_errors(&scenario(|r| r.sites[0].share = Fraction(0.4)));
        assert_eq!(f, ["resilience.sites"]);
        let f = fields_with_errors(&scenario(|r| r.sites[1].region = "Nowhere".into()));
        assert_eq!(f, ["resilience.sites.1.region"]);
        let f = fields_with_errors(&scenario(|r| {
            r.regions.push(r.regions[0].clone());
            r.regions[0].capacity_lost = Fraction(1.5);
        }));
        assert_eq!(f, ["resilience.regions.0.capacity_lost", "resilience.regions.1.name"]);
        let f = fields_with_errors(&scenario(|r| {
            r.sites[0].mean_outage_hours = 0.0;
            r.sites[1].name = " ".into();
            r.samples = 5;
        }));
        assert_eq!(
            f,
            ["resilience.sites.0.mean_outage_hours", "resilience.sites.1.name", "resilience.samples"]
        );
        let f = fields_with_errors(&scenario(|r| r.sites.clear()));
        assert_eq!(f, ["resilience.sites"]);
        // Two sites of one name: the later one is asked for another.
        let f = fields_with_errors(&scenario(|r| r.sites[1].name = r.sites[0].name.clone()));
        assert_eq!(f, ["resilience.sites.1.name"]);
        let blank = problems(
            &scenario(|r| {
                r.sites[0].name = " ".into();
                r.sites[1].name = " ".into();
            })
            .resilience,
            3.0,
        );
        assert_eq!(blank.len(), 2, "one message each, no \"listed twice\" for blank names: {blank:?}");
        // Extreme rates are refused before they tie up the browser.
        let many = fields_with_errors(&scenario(|r| {
            for x in &mut r.sites {
                x.outages_per_year = 300.0;
            }
            r.samples = 100_000;
        }));
        assert_eq!(many, ["resilience.samples"]);
    }
}
