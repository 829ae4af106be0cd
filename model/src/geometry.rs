//! The world map as the widget draws it: country outlines already projected into small SVG paths.
//!
//! Shipping a TopoJSON and a projection library to every visitor would cost far more than the map is worth, so
//! the endpoint's build converts the world-atlas TopoJSON once (the `forus-map-build` crate beside
//! `endpoint/data`) into a [`WorldMap`]: integer SVG paths in a fixed `0 0 width height` box plus a label point
//! per country. The endpoint serves it at `/api/v1/map/geometry`; the widget reads it with these types.

use serde::{Deserialize, Serialize};

/// One country drawn as an area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryShape {
    /// ISO 3166-1 numeric, 3 digits as in the TopoJSON `id` (features without an id are skipped).
    pub id: String,
    /// SVG path data in map coordinates, integers only, relative commands: "M x y l dx dy dx dy ... z M ... z".
    /// Each ring starts with an absolute `M` (rounded integers), then `l` followed by integer deltas; consecutive
    /// points that round to the same integer are dropped; rings reduced to fewer than 3 distinct points are dropped.
    /// Holes wind opposite to their outer ring, so the default `nonzero` fill rule (or `evenodd`) draws them.
    pub path: String,
    /// Label / keyboard-navigation point: the centroid (area-weighted, planar, in map coordinates, rounded to 0.1)
    /// of the ring with the largest area.
    pub centre: (f64, f64),
}

/// A country too small for the coarse atlas, drawn as a dot so that it can still be seen and selected.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// ISO numeric id.
    pub id: String,
    /// Map coordinates of the country's centroid (largest ring), rounded to 0.1.
    pub centre: (f64, f64),
}

/// Everything the widget needs to draw the world, in the `0 0 width height` box (Equal Earth projection, north
/// up). Shapes and markers are sorted by id, and no id is both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorldMap {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<CountryShape>,
    /// Countries present in the detailed file but absent (or without a drawable ring) in the coarse one: small
    /// states (Singapore, Malta, Mauritius, Cabo Verde, Pacific and Caribbean islands...) drawn as point markers.
    pub markers: Vec<Marker>,
}
