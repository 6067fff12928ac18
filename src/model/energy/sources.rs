//! The public sources behind the energy model's defaults (compiled 2026-11-24 from the sourced
//! reference set unless a record says otherwise). The UI shows them next to each field.

use crate::sources::{Citation, Confidence};

const LAZARD: &str = "Lazard, Levelized Cost of Energy+ (June 2025), unsubsidized";
const EIA_HEAT: &str = "EIA Electric Power Annual, average operating heat rates";
const EIA_OM: &str = "EIA, Cost and Performance Characteristics of New Generating Technologies \
                      (Annual Energy Outlook 2025 assumptions, from Sargent & Lundy, Jan 2024)";

/// Henry Hub gas price.
pub const GAS_PRICE: Citation = Citation {
    id: "energy.gas.henry_hub",
    source: "EIA Short-Term Energy Outlook, 2025–2026",
    date: "2025",
    confidence: Confidence::Range,
    note: "$3.50/MMBtu, middle of the $2.50–4.50 outlook range. Delivered prices add pipeline charges.",
};

/// CO2 per MMBtu of gas burned.
pub const GAS_CO2: Citation = Citation {
    id: "energy.gas.co2_per_mmbtu",
    source: "US EPA, Emission Factors for Greenhouse Gas Inventories",
    date: "2024",
    confidence: Confidence::Reported,
    note: "53.06 kg CO2 per MMBtu of natural gas; a unit's g/kWh is this × its heat rate.",
};

/// Combined-cycle heat rate.
pub const HEAT_RATE_CC: Citation = Citation {
    id: "energy.gas.heat_rate_cc",
    source: EIA_HEAT,
    date: "2024",
    confidence: Confidence::Range,
    note: "6.6 MMBtu/MWh (range 6.3–7.2).",
};

/// Simple-cycle heat rate.
pub const HEAT_RATE_SC: Citation = Citation {
    id: "energy.gas.heat_rate_sc",
    source: EIA_HEAT,
    date: "2024",
    confidence: Confidence::Range,
    note: "10.0 MMBtu/MWh (range 9.0–11.5) for simple-cycle combustion turbines.",
};

/// Reciprocating-engine heat rate.
pub const HEAT_RATE_RECIP: Citation = Citation {
    id: "energy.gas.heat_rate_recip",
    source: "Vendor datasheets (Wärtsilä, Jenbacher)",
    date: "2025",
    confidence: Confidence::Range,
    note: "8.5 MMBtu/MWh (range 8.2–9.0).",
};

/// New gas capacity capital cost.
pub const GAS_CAPEX: Citation = Citation {
    id: "energy.gas.capex_new",
    source: "Utility integrated resource plans and press reports of 2025 turbine pricing",
    date: "2025",
    confidence: Confidence::Estimate,
    note: "$2,400 per kW (range 2,000–2,800) for new gas capacity ordered in 2025.",
};

/// Gas O&M.
pub const GAS_OM: Citation = Citation {
    id: "energy.gas.om",
    source: EIA_OM,
    date: "2024-01",
    confidence: Confidence::Estimate,
    note: "Rounded: fixed O&M ≈ $15/kW-yr and variable ≈ $5/MWh for combustion turbines, \
           ≈ $15/kW-yr and $3/MWh for combined cycle, ≈ $35/kW-yr and $6/MWh for reciprocating engines. \
           Check the current edition before relying on them.",
};

/// Forced-outage rates of gas units.
pub const GAS_OUTAGE: Citation = Citation {
    id: "energy.gas.forced_outage",
    source: "NERC Generating Availability Data System (GADS) fleet statistics, as summarised in \
             NERC State of Reliability reports",
    date: "2024",
    confidence: Confidence::Estimate,
    note: "5 % of hours on forced outage with a 48-hour mean repair: a round figure in the \
           mid-single-digit range GADS reports for gas turbines; set your own fleet's figures.",
};

/// Turbine lead times.
pub const GAS_LEAD_TIME: Citation = Citation {
    id: "energy.gas.turbine_lead_time",
    source: "Press reports of OEM backlogs (GE Vernova, Siemens Energy, Mitsubishi), 2025; \
             reciprocating engines: press reports and vendor statements, 2025",
    date: "2025",
    confidence: Confidence::Range,
    note:
        "New large turbines: about 6 years (5–7) from order; reciprocating engines about 15 months (12–18).",
};

/// The deal provider's on-site turbines.
pub const SITE_TURBINES: Citation = Citation {
    id: "site.colossus1.turbines",
    source: "Shelby County Health Department air permit for xAI's Colossus site (July 2025), as reported",
    date: "2025-07",
    confidence: Confidence::ReportedApprox,
    note: "15 permanent gas turbines, about 247 MW in total, at the provider's first Memphis site; \
           modelled as simple-cycle units (16.5 MW each).",
};

/// The deal provider's grid connection.
pub const SITE_GRID: Citation = Citation {
    id: "site.colossus1.grid",
    source: "TVA board approval and MLGW statements, 2024–2025",
    date: "2025",
    confidence: Confidence::Reported,
    note: "150 MW of grid supply at the provider's first site.",
};

/// The deal provider's batteries.
pub const SITE_BATTERY: Citation = Citation {
    id: "site.colossus1.megapacks",
    source: "Press coverage of the Tesla Megapack installation at Colossus, 2025; duration from the \
             Tesla Megapack product page (2- and 4-hour configurations)",
    date: "2025",
    confidence: Confidence::ReportedApprox,
    note: "About 150 MW of Megapacks; assumed 2-hour units (300 MWh).",
};

/// Tennessee industrial tariff.
pub const GRID_PRICE_TN: Citation = Citation {
    id: "energy.grid.price.tn",
    source: "EIA Electric Power Monthly, average retail price to industrial customers (Tennessee)",
    date: "2025",
    confidence: Confidence::Reported,
    note: "$62.3/MWh. An average retail price already includes demand charges, so the separate \
           demand charge defaults to zero.",
};

/// Texas industrial tariff.
pub const GRID_PRICE_TX: Citation = Citation {
    id: "energy.grid.price.tx",
    source: "EIA Electric Power Monthly, average retail price to industrial customers (Texas)",
    date: "2025",
    confidence: Confidence::Reported,
    note: "$66.0/MWh.",
};

/// US grid carbon intensity.
pub const GRID_CARBON: Citation = Citation {
    id: "energy.grid.us_carbon",
    source: "EIA, US electricity generation and emissions, 2023",
    date: "2024",
    confidence: Confidence::Reported,
    note: "367 g CO2/kWh (0.81 lb/kWh), the US average.",
};

/// Grid interruptions.
pub const GRID_OUTAGES: Citation = Citation {
    id: "energy.grid.interruptions",
    source: "EIA, Annual Electric Power Industry Report (EIA-861), reliability metrics for 2022",
    date: "2023",
    confidence: Confidence::ReportedApprox,
    note: "US customers averaged about 5.5 hours of interruptions a year (SAIDI with major events) \
           over about 1.4 interruptions (SAIFI). These are distribution averages; large \
           transmission-connected campuses usually see fewer.",
};

/// Solar capacity factor.
pub const SOLAR_CF: Citation = Citation {
    id: "energy.solar.cf_us",
    source: "EIA Electric Power Monthly, table 6.07.B",
    date: "2025",
    confidence: Confidence::Range,
    note: "24 % US utility-scale average (range 20–30 %).",
};

/// Wind capacity factor.
pub const WIND_CF: Citation = Citation {
    id: "energy.wind.cf_us",
    source: "EIA Electric Power Monthly, table 6.07.B",
    date: "2025",
    confidence: Confidence::Range,
    note: "34 % US average (range 30–40 %).",
};

/// Solar LCOE.
pub const SOLAR_LCOE: Citation = Citation {
    id: "energy.lcoe.solar_utility",
    source: LAZARD,
    date: "2025-06",
    confidence: Confidence::Range,
    note: "$58/MWh (range 38–78), charged on every MWh generated, curtailed or not.",
};

/// Wind LCOE.
pub const WIND_LCOE: Citation = Citation {
    id: "energy.lcoe.wind_onshore",
    source: LAZARD,
    date: "2025-06",
    confidence: Confidence::Range,
    note: "$61/MWh (range 37–86), charged on every MWh generated, curtailed or not.",
};

/// Battery round-trip efficiency.
pub const BATTERY_RTE: Citation = Citation {
    id: "energy.battery.rte",
    source: "NREL Annual Technology Baseline",
    date: "2024",
    confidence: Confidence::Range,
    note: "86 % round trip (range 85–90 %), split evenly between charging and discharging.",
};

/// Battery capital cost.
pub const BATTERY_CAPEX: Citation = Citation {
    id: "energy.battery.capex_4h",
    source: "NREL Annual Technology Baseline 2024 (moderate scenario)",
    date: "2024",
    confidence: Confidence::Range,
    note: "$300 per kWh of storage (range 250–400) for 4-hour utility batteries.",
};

/// Nuclear PPA price.
pub const NUCLEAR_PPA: Citation = Citation {
    id: "energy.ppa.nuclear",
    source: "Analyst estimates of 2024–2025 hyperscaler nuclear PPAs, as reported",
    date: "2025",
    confidence: Confidence::Estimate,
    note: "$112/MWh (range 100–130).",
};

/// Nuclear availability.
pub const NUCLEAR_AVAILABILITY: Citation = Citation {
    id: "energy.nuclear.capacity_factor",
    source: "EIA Electric Power Monthly, table 6.07.B (nuclear capacity factor)",
    date: "2024",
    confidence: Confidence::ReportedApprox,
    note: "US nuclear plants ran at about 93 % capacity factor: modelled as 7 % of hours \
           unavailable in month-long (720 h) refuelling-like outages.",
};

/// Cost of capital for energy assets.
pub const ENERGY_WACC: Citation = Citation {
    id: "energy.cost_of_capital",
    source: LAZARD,
    date: "2025-06",
    confidence: Confidence::Derived,
    note: "Lazard's LCOE assumes 60 % debt at 8 % and 40 % equity at 12 %: 9.6 % before tax.",
};

/// Asset lives.
pub const ASSET_LIFE: Citation = Citation {
    id: "energy.asset_life",
    source: "Lazard LCOE+ (June 2025) asset-life assumptions; NREL ATB 2024 for batteries",
    date: "2025",
    confidence: Confidence::Estimate,
    note: "20 years for gas plant, 15 years for batteries.",
};

/// Hourly weather shapes.
pub const WEATHER_SHAPES: Citation = Citation {
    id: "energy.weather.shapes",
    source: "Solar geometry: Cooper (1969) declination, standard hour-angle formula; wind: Rayleigh \
             speeds (IEC 61400-1 turbine classes) with hourly persistence (Brown, Katz & Murphy 1984) \
             and a generic 3 / 12 / 25 m/s power curve",
    date: "2025",
    confidence: Confidence::Estimate,
    note: "Synthetic but calibrated: each profile is scaled so its annual capacity factor equals \
           the one entered. Seeded, so the same seed always gives the same weather.",
};
