//! Build-time only: turns the world-atlas TopoJSON beside this crate (`endpoint/data`) into the participation
//! map's [`WorldMap`], the integer SVG paths the endpoint embeds and the widget draws.
//!
//! The endpoint's build script calls [`build_world`]; neither the widget nor the running endpoint links this
//! crate. The `topojson` crate reads the files and decodes their arcs; this crate projects them (Equal Earth),
//! keeps rings on one side of the antimeridian, rounds them to whole map units and picks label points. Small
//! states that the coarse (110m) atlas leaves out are taken from the detailed (50m) one as point markers, so
//! that every member country can still be shown and selected.
//!
//! Borders stay shared: the only reduction of detail is rounding each point to whole map units, a function of
//! the point alone, so two neighbours that share a TopoJSON arc draw that stretch with the same integer points
//! (the test `shared_borders_stay_shared` checks every shared arc of the atlas).
//!
//! Pure functions over `&str` JSON; reading the files is the caller's business.

use forus_model::geometry::{CountryShape, Marker, WorldMap};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use topojson::{TopoJson, Value};

/// Width and height of the map's coordinate space (SVG viewBox "0 0 WIDTH HEIGHT").
pub const WIDTH: f64 = 1000.0;
/// The Equal Earth world is 2.0546 times as wide as it is tall: 486.71 for a width of 1000, rounded up so
/// that nothing is cut off (a test recomputes it from the projection).
pub const HEIGHT: f64 = 487.0;

// Polynomial coefficients of Equal Earth, as published by Šavrič, Patterson and Jenny (2018) and used by
// d3-geo and PROJ. Written out rather than taken from the `d3_geo_rs` crate: its `EqualEarth` (3.2.4) has
// A3 = 0.00893 instead of 0.000893, which makes the world 2.037 times as wide as tall instead of 2.055 (the
// tests below pin the published extent).
const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// √3 / 2 (written out because `sqrt` is not const; a test checks it).
const M: f64 = 0.866_025_403_784_438_6;

/// Projection units from the central meridian to the antimeridian on the equator: π / (M·A1), where the
/// parametric latitude is zero.
const HALF_WORLD_WIDTH: f64 = std::f64::consts::PI / (M * A1);
/// Map units per projection unit: the full width of the world fills `WIDTH` exactly.
const SCALE: f64 = WIDTH / (2.0 * HALF_WORLD_WIDTH);

/// The Equal Earth projection (Šavrič, Patterson, Jenny 2018), an equal-area projection: lon/lat in degrees
/// -> x, y in projection units (y up).
///
/// Equal-area so that large countries do not look more engaged than small ones, and a pleasant shape without
/// the polar blow-up of Mercator.
pub fn equal_earth(lon: f64, lat: f64) -> (f64, f64) {
    let lambda = lon.to_radians();
    let theta = (M * lat.to_radians().sin()).asin();
    let theta2 = theta * theta;
    let theta6 = theta2 * theta2 * theta2;
    let x = lambda * theta.cos() / (M * (A1 + 3.0 * A2 * theta2 + theta6 * (7.0 * A3 + 9.0 * A4 * theta2)));
    let y = theta * (A1 + A2 * theta2 + theta6 * (A3 + A4 * theta2));
    (x, y)
}

/// Lon/lat in degrees -> map coordinates in [0, WIDTH] x [0, HEIGHT], y down (SVG), world fitted to the box.
pub fn to_map(lon: f64, lat: f64) -> (f64, f64) {
    let (x, y) = equal_earth(lon, lat);
    (WIDTH / 2.0 + x * SCALE, HEIGHT / 2.0 - y * SCALE)
}

/// Why a TopoJSON could not be turned into a map.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum GeometryError {
    /// Not JSON, not shaped like TopoJSON, or its `type` is not "Topology".
    #[error("not a TopoJSON topology: {0}")]
    NotTopology(String),
    /// A part we need is absent: "objects.countries" (a GeometryCollection).
    #[error("the topology has no {0}")]
    MissingObject(&'static str),
    /// A ring refers to an arc that does not exist (the index as written in the file).
    #[error("arc index {0} is outside the topology's arcs")]
    BadArc(i64),
}

impl From<topojson::Error> for GeometryError {
    fn from(error: topojson::Error) -> Self {
        GeometryError::NotTopology(error.to_string())
    }
}

/// Reads two world-atlas TopoJSON files (`objects.countries`, Polygon and MultiPolygon geometries with an ISO
/// numeric `id`), projects every ring with [`to_map`], and builds the shapes. `detailed` is the 50m file: its
/// countries absent from `coarse` (by id) become markers. Shapes and markers sorted by id.
///
/// A coarse country whose rings all vanish at this resolution also becomes a marker (placed from the detailed
/// file when it has the country, else from the coarse rings), so no country with geometry is lost.
pub fn build_world(coarse: &str, detailed: &str) -> Result<WorldMap, GeometryError> {
    let coarse = countries_as_rings(coarse)?;
    let detailed = countries_as_rings(detailed)?;

    let mut shapes = Vec::new();
    let mut undrawable = BTreeMap::new();
    for (id, rings) in coarse {
        let path = svg_path(&rings);
        if path.is_empty() {
            undrawable.insert(id, rings);
        } else {
            let centre = largest_ring_centroid(&rings);
            shapes.push(CountryShape { id, path, centre });
        }
    }

    let drawn: BTreeSet<&str> = shapes.iter().map(|shape| shape.id.as_str()).collect();
    let mut marker_rings: BTreeMap<String, Vec<Ring>> =
        detailed.into_iter().filter(|(id, _)| !drawn.contains(id.as_str())).collect();
    for (id, rings) in undrawable {
        marker_rings.entry(id).or_insert(rings);
    }
    let markers = marker_rings
        .into_iter()
        .filter(|(_, rings)| !rings.is_empty())
        .map(|(id, rings)| Marker { centre: largest_ring_centroid(&rings), id })
        .collect();

    Ok(WorldMap { width: WIDTH, height: HEIGHT, shapes, markers })
}

/// A closed ring in map coordinates, unrounded (it may or may not repeat its first point at the end).
type Ring = Vec<(f64, f64)>;

/// Parses a topology and returns every identified country's rings, projected to map coordinates, by id.
/// Features sharing an id (the 50m file has two "036") are merged, as they are one country.
fn countries_as_rings(topojson: &str) -> Result<BTreeMap<String, Vec<Ring>>, GeometryError> {
    let mut topology = match topojson.parse::<TopoJson>()? {
        TopoJson::Topology(topology) => topology,
        TopoJson::Geometry(_) => return Err(GeometryError::NotTopology("a lone geometry, not a Topology".into())),
    };
    let arc_count = topology.arcs.len();
    let countries = topology
        .objects
        .iter_mut()
        .find(|object| object.name == "countries")
        .ok_or(GeometryError::MissingObject("objects.countries"))?;
    let Value::GeometryCollection(geometries) = &mut countries.geometry.value else {
        return Err(GeometryError::MissingObject("objects.countries"));
    };
    // Only identified areas: points, lines and nested collections carry no country area, and disputed areas
    // without an ISO code (N. Cyprus, Somaliland, Kosovo) cannot be linked to our data.
    geometries.retain(|geometry| {
        matches!(geometry.value, Value::Polygon(_) | Value::MultiPolygon(_))
            && matches!(geometry.id, Some(serde_json::Value::String(_)))
    });
    // topojson indexes arcs without checking them; a bad index is an error here rather than a panic there.
    for geometry in geometries.iter() {
        let rings: Vec<&Vec<i32>> = match &geometry.value {
            Value::Polygon(rings) => rings.iter().collect(),
            Value::MultiPolygon(polygons) => polygons.iter().flatten().collect(),
            _ => Vec::new(),
        };
        for &index in rings.into_iter().flatten() {
            let number = if index < 0 { !index } else { index };
            if usize::try_from(number).map_or(true, |number| number >= arc_count) {
                return Err(GeometryError::BadArc(index.into()));
            }
        }
    }

    let mut rings_by_id: BTreeMap<String, Vec<Ring>> = BTreeMap::new();
    for feature in topojson::to_geojson(&topology, "countries")?.features {
        let Some(geojson::feature::Id::String(id)) = feature.id else { continue };
        let polygons = match feature.geometry.map(|geometry| geometry.value) {
            Some(geojson::Value::Polygon(rings)) => vec![rings],
            Some(geojson::Value::MultiPolygon(polygons)) => polygons,
            _ => continue,
        };
        let rings = rings_by_id.entry(id).or_default();
        for positions in polygons.into_iter().flatten() {
            // Each arc after the first repeats the point where the previous one ended; rounding drops the repeat.
            let mut ring: Vec<(f64, f64)> = positions.iter().map(|position| (position[0], position[1])).collect();
            keep_on_one_side_of_antimeridian(&mut ring);
            rings.push(ring.into_iter().map(|(lon, lat)| to_map(lon, lat)).collect());
        }
    }
    Ok(rings_by_id)
}

/// world-atlas rings are spherical: Russia, Fiji and Antarctica cross ±180°, which on a flat map would draw
/// streaks across the whole world. Longitudes are first made continuous along the ring (a jump of more than
/// 180° is a crossing, so ±360° is added), then the ring is shifted by 360° if most of its longitude range lies
/// beyond ±180° (so Fiji keeps its main islands rather than its easternmost tip), and finally clamped to
/// [-180, 180]: the small part beyond the edge is flattened onto it.
///
/// A ring that goes once around the globe (Antarctica) encloses a pole: it is closed along the map edge and
/// the pole line, so that its fill reaches the bottom of the map instead of stopping at the coast's last point.
fn keep_on_one_side_of_antimeridian(ring: &mut Vec<(f64, f64)>) {
    let Some(&(first_lon, _)) = ring.first() else {
        return;
    };
    let mut previous_lon = first_lon;
    let (mut west, mut east) = (first_lon, first_lon);
    for point in ring.iter_mut().skip(1) {
        point.0 -= 360.0 * ((point.0 - previous_lon) / 360.0).round();
        previous_lon = point.0;
        west = west.min(point.0);
        east = east.max(point.0);
    }
    let middle = (west + east) / 2.0;
    let shift = if middle > 180.0 {
        -360.0
    } else if middle < -180.0 {
        360.0
    } else {
        0.0
    };

    let turns_around_the_globe = (previous_lon - first_lon).abs() > 180.0;
    if turns_around_the_globe {
        let mean_lat = ring.iter().map(|point| point.1).sum::<f64>() / ring.len() as f64;
        let pole = 90f64.copysign(mean_lat);
        // The pole is a line in Equal Earth: walk along it in quarter turns so no single edge spans the map.
        let quarter_turn = (first_lon - previous_lon) / 4.0;
        ring.extend((0..=4).map(|step| (previous_lon + quarter_turn * f64::from(step), pole)));
    }
    for point in ring.iter_mut() {
        point.0 = (point.0 + shift).clamp(-180.0, 180.0);
    }
}

/// Encodes rings as compact SVG path data (see [`CountryShape::path`]); empty when no ring survives rounding.
fn svg_path(rings: &[Ring]) -> String {
    let mut path = String::new();
    for ring in rings {
        let points = rounded_ring(ring);
        let Some((&(start_x, start_y), rest)) = points.split_first() else {
            continue;
        };
        if !path.is_empty() {
            path.push(' ');
        }
        write!(path, "M {start_x} {start_y} l").expect("writing to a String cannot fail");
        let mut previous = (start_x, start_y);
        for &(x, y) in rest {
            write!(path, " {} {}", x - previous.0, y - previous.1).expect("writing to a String cannot fail");
            previous = (x, y);
        }
        path.push_str(" z");
    }
    path
}

/// Rounds a ring to whole map units, the map's quantisation: drops points that land where the previous one did
/// and the closing repeat of the first point (`z` closes the ring). Empty if fewer than 3 distinct points remain,
/// as such a ring encloses nothing visible.
fn rounded_ring(ring: &[(f64, f64)]) -> Vec<(i64, i64)> {
    let mut points: Vec<(i64, i64)> = ring.iter().map(|&(x, y)| (x.round() as i64, y.round() as i64)).collect();
    points.dedup();
    while points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    let mut distinct = points.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 3 {
        points.clear();
    }
    points
}

/// Twice the signed area of a ring and its area-weighted centroid (shoelace formula), or the mean of its points
/// when it has no area.
fn area_and_centroid(ring: &[(f64, f64)]) -> (f64, (f64, f64)) {
    let Some(&(origin_x, origin_y)) = ring.first() else {
        return (0.0, (0.0, 0.0));
    };
    // Measured from the first point, which keeps the products small and precise.
    let relative = |&(x, y): &(f64, f64)| (x - origin_x, y - origin_y);
    let (mut double_area, mut sum_x, mut sum_y) = (0.0, 0.0, 0.0);
    for (index, point) in ring.iter().enumerate() {
        let (x0, y0) = relative(point);
        let (x1, y1) = relative(&ring[(index + 1) % ring.len()]);
        let cross = x0 * y1 - x1 * y0;
        double_area += cross;
        sum_x += (x0 + x1) * cross;
        sum_y += (y0 + y1) * cross;
    }
    if double_area.abs() < 1e-12 {
        let count = ring.len() as f64;
        let mean_x = ring.iter().map(|point| point.0).sum::<f64>() / count;
        let mean_y = ring.iter().map(|point| point.1).sum::<f64>() / count;
        return (0.0, (mean_x, mean_y));
    }
    let centroid = (origin_x + sum_x / (3.0 * double_area), origin_y + sum_y / (3.0 * double_area));
    (double_area, centroid)
}

/// The label point of a country: the centroid of its largest ring, so that France's label sits in Europe
/// rather than between Europe and French Guiana.
fn largest_ring_centroid(rings: &[Ring]) -> (f64, f64) {
    let (_, centroid) = rings
        .iter()
        .map(|ring| area_and_centroid(ring))
        .max_by(|a, b| a.0.abs().total_cmp(&b.0.abs()))
        .unwrap_or((0.0, (0.0, 0.0)));
    (to_tenth(centroid.0), to_tenth(centroid.1))
}

fn to_tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests;
