"""CURIEs and IRIs: checking identifiers with bioregistry and minting deterministic IRIs.

Entities keep their CURIE (``CHEBI:6367``); in RDF they are named by the IRI that the CURIE
expands to (OBO PURLs where the prefix has one, ``https://bioregistry.io/prefix:id`` otherwise),
so pharmgraph's graphs join with other resources. Entities without a standard identifier get a
local CURIE, ``pharmgraph:<slug>``, which expands into pharmgraph's own namespace.

Examples
--------
>>> entity_iri("CHEBI:6367")
'http://purl.obolibrary.org/obo/CHEBI_6367'
>>> entity_iri("pharmgraph:persistent_sodium_current")
'https://w3id.org/pharmgraph/entity/persistent_sodium_current'
>>> local_id("S(+)-losigamone")
'pharmgraph:s_losigamone'
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from functools import cache, lru_cache

from pharmgraph.vocabulary import BASE_IRI

LOCAL_PREFIX = "pharmgraph"
ENTITY_BASE = BASE_IRI + "entity/"

# Prefixes whose OBO PURL form is the usual IRI. Kept here so IRIs do not depend on the
# installed bioregistry version; bioregistry still checks that every CURIE is well formed.
_OBO = {"CHEBI", "GO", "MONDO", "DOID", "HP", "UBERON", "CL", "PR", "SO", "NCIT", "OBI", "RO", "BFO"}
# Canonical spelling of prefixes pharmgraph writes (lower-case key -> written prefix).
_CANONICAL = {p.lower(): p for p in _OBO} | {
    "drugbank": "drugbank",
    "mesh": "mesh",
    "hgnc": "HGNC",
    "uniprot": "uniprot",
    "ncbigene": "NCBIGene",
    "pubchem.compound": "pubchem.compound",
    "umls": "UMLS",
    "efo": "EFO",
    "chembl.compound": "chembl.compound",
    "chembl.target": "chembl.target",
    "pharmgraph": LOCAL_PREFIX,
    "pubmed": "pubmed",
    "interpro": "interpro",
    "ensembl": "ensembl",
    "doid": "DOID",
}


def split_curie(curie: str) -> tuple[str, str]:
    """Split ``prefix:identifier``; raise ValueError when there is no colon."""
    if ":" not in curie:
        raise ValueError(f"{curie!r} is not a CURIE (prefix:identifier)")
    prefix, ident = curie.split(":", 1)
    if not prefix or not ident:
        raise ValueError(f"{curie!r} is not a CURIE (prefix:identifier)")
    return prefix, ident


def canonical_curie(curie: str) -> str:
    """Return the CURIE with pharmgraph's spelling of its prefix (``chebi:1`` -> ``CHEBI:1``).

    OBO identifiers written with the banana (``CHEBI:CHEBI:1``) are reduced to one prefix.
    """
    prefix, ident = split_curie(curie.strip())
    canon = _CANONICAL.get(prefix.lower(), prefix)
    if ident.upper().startswith(canon.upper() + ":"):
        ident = ident.split(":", 1)[1]
    return f"{canon}:{ident}"


@cache
def check_curie(curie: str) -> str | None:
    """Check a CURIE with bioregistry; return its canonical form, or None if it is not valid.

    A CURIE is valid when bioregistry knows the prefix and the identifier matches the
    prefix's pattern. Local ``pharmgraph:`` CURIEs are always valid.
    """
    try:
        curie = canonical_curie(curie)
    except ValueError:
        return None
    prefix, ident = split_curie(curie)
    if prefix == LOCAL_PREFIX:
        return curie
    import bioregistry  # slow to import: only when checking

    norm = bioregistry.normalize_prefix(prefix)
    if norm is None:
        return None
    if bioregistry.is_valid_identifier(norm, ident) is False:
        return None
    return curie


@lru_cache(maxsize=100_000)
def entity_iri(curie: str) -> str:
    """Return the IRI an entity's CURIE stands for in pharmgraph's graphs."""
    prefix, ident = split_curie(canonical_curie(curie))
    if prefix == LOCAL_PREFIX:
        return ENTITY_BASE + urllib.parse.quote(ident, safe="")
    if prefix in _OBO:
        return f"http://purl.obolibrary.org/obo/{prefix}_{urllib.parse.quote(ident, safe='')}"
    return f"https://bioregistry.io/{prefix.lower()}:{urllib.parse.quote(ident, safe='')}"


def iri_to_curie(iri: str) -> str:
    """Invert :func:`entity_iri` for the IRIs pharmgraph mints."""
    if iri.startswith(ENTITY_BASE):
        return f"{LOCAL_PREFIX}:{urllib.parse.unquote(iri[len(ENTITY_BASE):])}"
    if iri.startswith("http://purl.obolibrary.org/obo/"):
        prefix, _, ident = iri.rsplit("/", 1)[1].partition("_")
        return f"{prefix}:{urllib.parse.unquote(ident)}"
    if iri.startswith("https://bioregistry.io/"):
        return canonical_curie(urllib.parse.unquote(iri[len("https://bioregistry.io/"):]))
    return iri


def slug(text: str) -> str:
    """Return a lower-case identifier-safe form of a name."""
    out = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return out or hashlib.sha1(text.encode()).hexdigest()[:12]


def local_id(name: str) -> str:
    """Return a local CURIE for an entity with no standard identifier."""
    return f"{LOCAL_PREFIX}:{slug(name)}"


def digest(*parts: object) -> str:
    """Return a short stable hash of the parts, for minting IRIs."""
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]
