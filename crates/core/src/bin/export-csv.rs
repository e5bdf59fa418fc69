//! `export-csv [DIR]`: validates the seeds and writes `evidence.csv` (see `export`) to stdout.

fn main() {
    evidence_core::seeds::export_main(evidence_core::export::evidence_csv)
}
