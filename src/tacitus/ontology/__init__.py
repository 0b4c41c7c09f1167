"""Event ontologies: the CAMEO codebook with Goldstein scores, quad classes and PLOVER types."""

from tacitus.ontology.cameo import CameoCode, Codebook, default_codebook

__all__ = ["CameoCode", "Codebook", "default_codebook"]
