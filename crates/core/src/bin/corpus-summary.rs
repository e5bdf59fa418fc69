//! `corpus-summary [DIR]`: validates the seeds and writes `corpus-summary.json` (see `summary`)
//! to stdout, as `export-csv` does.

fn main() {
    evidence_core::seeds::export_main(|c| {
        evidence_core::summary::CorpusSummary::of(c).to_json() + "\n"
    })
}
