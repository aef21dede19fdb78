//! Topic domains: the words that make each text's subject its own (energy, grain, shipping…).

/// A subject a text can be about: a label for themes and organisations, and its nouns.
pub struct Domain {
    /// Used in theme and organisation names ("Energy Security", "Coastal Energy Authority").
    pub label: &'static str,
    /// Nouns of the domain, in no particular order (each text ranks them itself).
    pub words: &'static str,
}

/// Every domain a text may draw from.
pub const DOMAINS: &[Domain] = &[
    Domain {
        label: "Energy",
        words: "oil/- gas pipeline refinery reactor grid tanker barrel fuel turbine uranium/-
            enrichment/- coal/- electricity/- generator wellhead reserve output/- subsidy
            blackout emission cartel drilling/- terminal kilowatt",
    },
    Domain {
        label: "Maritime",
        words: "strait harbour port fleet vessel convoy navy blockade shipping/- corridor
            canal cargo/cargoes freighter coastline patrol chokepoint frigate anchorage
            lane dockyard cruiser submarine piracy/- salvage/- tide",
    },
    Domain {
        label: "Grain",
        words: "grain wheat/- harvest drought fertilizer irrigation/- livestock/- granary
            famine crop seed soil cooperative tractor orchard pasture silo rainfall/-
            yield rice/- barley/- cattle/- acreage/- locust mill",
    },
    Domain {
        label: "Monetary",
        words: "currency bond debt inflation/- bank loan default sanction creditor ledger
            tariff remittance deficit bailout interest austerity/- treasury investor audit
            liquidity/- collateral/- dividend peg lender mortgage",
    },
    Domain {
        label: "Digital",
        words: "semiconductor satellite software/- chip data/- cable server encryption/- drone
            algorithm platform bandwidth/- sensor firmware/- robotics/- telecom/- patent
            laboratory prototype spectrum/spectra cyberattack startup supercomputer
            circuit database",
    },
    Domain {
        label: "Water",
        words: "river dam reservoir aquifer basin delta canal irrigation/- flood watershed
            glacier desalination/- monsoon sluice levee catchment wetland pumping/-
            salinity/- estuary runoff/- weir tributary spring well",
    },
    Domain {
        label: "Migration",
        words: "refugee asylum/- camp passport visa diaspora remittance checkpoint smuggler
            quota resettlement/- citizenship/- labour/- exile crossing detention/- census
            returnee sponsor permit frontier caravan amnesty/- border deportation",
    },
    Domain {
        label: "Mineral",
        words: "copper/- lithium/- cobalt/- mine ore smelter concession quarry nickel/-
            bauxite/- tailings/- excavation mineral refinery royalty deposit shaft
            prospector gold/- silver/- graphite/- tungsten/- seam assay slag/-",
    },
    Domain {
        label: "Health",
        words: "vaccine clinic hospital epidemic outbreak quarantine nurse pharmacy ward
            surgeon pathogen laboratory immunity/- dosage ambulance sanitation/-
            mortality/- antibiotic pandemic triage/- serum hygiene/- physician patient
            medicine/-",
    },
    Domain {
        label: "Defence",
        words: "garrison battalion artillery/- missile airbase brigade ceasefire offensive
            armistice regiment trench arsenal deterrent mobilization/- conscript
            munitions/- interceptor militia frontline airstrike reconnaissance/- warhead
            bunker insurgency drill",
    },
    Domain {
        label: "Electoral",
        words: "ballot parliament referendum campaign candidate constituency opposition
            cabinet senate mandate turnout/- manifesto caucus speaker vote reform assembly
            incumbent poll district amendment decree legislature primary recount",
    },
    Domain {
        label: "Trade",
        words: "tariff export import quota embargo/embargoes customs/- shipment supplier
            warehouse contract freight/- merchant consignment broker surplus dumping/-
            levy invoice commodity wholesaler logistics/- container bazaar retailer
            stockpile",
    },
    Domain {
        label: "Climate",
        words: "emission carbon/- heatwave wildfire glacier coastline adaptation drought storm
            cyclone permafrost/- forest biodiversity/- pledge offset methane/- flood
            erosion/- pollution/- renewable reforestation/- thaw ozone/- heat/- rainfall/-",
    },
    Domain {
        label: "Heritage",
        words: "archive monument museum anthem ritual festival heritage/- language shrine
            chronicle textbook pilgrimage manuscript curriculum/curricula ceremony
            folklore/- memorial broadcaster newspaper censor poet cathedral library
            dialect legend",
    },
];
