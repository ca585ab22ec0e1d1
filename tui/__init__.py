"""stemcell-explainer: a cited terminal explainer."""
