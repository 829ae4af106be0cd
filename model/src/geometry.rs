//! The world map: country outlines projected once, on the server side, into small SVG paths.
//!
//! The widget draws a choropleth of where members work. Shipping a TopoJSON and a projection library to every
//! visitor would cost far more than the map is worth, so the endpoint turns the world-atlas TopoJSON into a
//! [`WorldMap`]: integer SVG paths in a fixed `0 0 WIDTH HEIGHT` box plus a label point per country. Small states
//! that the coarse (110m) atlas leaves out are taken from the detailed (50m) one as point markers, so that every
//! member country can still be shown and selected.
//!
//! Pure functions over `&str` JSON; reading the files is the caller's business.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

/// Width and height of the map's coordinate space (SVG viewBox "0 0 WIDTH HEIGHT").
pub const WIDTH: f64 = 1000.0;
/// The Equal Earth world is 2.0546 times as wide as it is tall: 486.71 for a width of 1000, rounded up so
/// that nothing is cut off (a test recomputes it from the projection).
pub const HEIGHT: f64 = 487.0;

// Polynomial coefficients of Equal Earth, as published by Šavrič, Patterson and Jenny (2018).
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

/// Everything the widget needs to draw the world, in the `0 0 width height` box.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorldMap {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<CountryShape>,
    /// Countries present in the detailed file but absent (or without a drawable ring) in the coarse one: small
    /// states (Singapore, Malta, Mauritius, Cabo Verde, Pacific and Caribbean islands...) drawn as point markers.
    pub markers: Vec<Marker>,
}

/// Why a TopoJSON could not be turned into a map.
#[derive(Debug, PartialEq)]
pub enum GeometryError {
    /// Not JSON, not shaped like TopoJSON, or its `type` is not "Topology".
    NotTopology(String),
    /// A part we need is absent: "objects.countries", "arcs" or "transform".
    MissingObject(&'static str),
    /// A ring refers to an arc that does not exist (the index as written in the file).
    BadArc(i64),
}

impl fmt::Display for GeometryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeometryError::NotTopology(why) => write!(f, "not a TopoJSON topology: {why}"),
            GeometryError::MissingObject(what) => write!(f, "the topology has no {what}"),
            GeometryError::BadArc(index) => {
                write!(f, "arc index {index} is outside the topology's arcs")
            }
        }
    }
}

impl std::error::Error for GeometryError {}

/// Reads a world-atlas TopoJSON (objects.countries, quantized with `transform` {scale, translate},
/// delta-encoded arcs; geometry types Polygon and MultiPolygon; arc index i<0 means arc !i (= -i-1) reversed;
/// when joining arcs into a ring, drop the first point of every arc after the first), projects every ring with
/// `to_map`, and builds the shapes. `detailed` is the 50m file: its countries absent from `coarse` (by id)
/// become markers. Shapes and markers sorted by id.
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

#[derive(Deserialize)]
struct Topology {
    #[serde(rename = "type")]
    kind: Option<String>,
    objects: Option<Objects>,
    /// Quantized, delta-encoded positions (world-atlas positions have exactly two coordinates).
    arcs: Option<Vec<Vec<[f64; 2]>>>,
    transform: Option<Transform>,
}

#[derive(Deserialize)]
struct Objects {
    countries: Option<GeometryCollection>,
}

#[derive(Deserialize)]
struct GeometryCollection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        id: Option<String>,
        arcs: Vec<Vec<i64>>,
    },
    MultiPolygon {
        id: Option<String>,
        arcs: Vec<Vec<Vec<i64>>>,
    },
    /// Points, lines and nested collections carry no country area.
    #[serde(other)]
    Other,
}

/// Parses a topology and returns every identified country's rings, projected to map coordinates, by id.
/// Features sharing an id (the 50m file has two "036") are merged, as they are one country.
fn countries_as_rings(topojson: &str) -> Result<BTreeMap<String, Vec<Ring>>, GeometryError> {
    let topology: Topology =
        serde_json::from_str(topojson).map_err(|error| GeometryError::NotTopology(error.to_string()))?;
    if topology.kind.as_deref() != Some("Topology") {
        return Err(GeometryError::NotTopology(format!(
            "its type is {:?}, expected \"Topology\"",
            topology.kind.unwrap_or_default()
        )));
    }
    let countries = topology
        .objects
        .and_then(|objects| objects.countries)
        .ok_or(GeometryError::MissingObject("objects.countries"))?;
    let transform = topology.transform.ok_or(GeometryError::MissingObject("transform"))?;
    let arcs = decode_arcs(&topology.arcs.ok_or(GeometryError::MissingObject("arcs"))?, &transform);

    let mut rings_by_id: BTreeMap<String, Vec<Ring>> = BTreeMap::new();
    for geometry in countries.geometries {
        let (id, polygons) = match geometry {
            Geometry::Polygon { id, arcs } => (id, vec![arcs]),
            Geometry::MultiPolygon { id, arcs } => (id, arcs),
            Geometry::Other => continue,
        };
        // Disputed areas without an ISO code (N. Cyprus, Somaliland, Kosovo) cannot be linked to our data.
        let Some(id) = id else { continue };
        let rings = rings_by_id.entry(id).or_default();
        for ring_arcs in polygons.iter().flatten() {
            let mut ring = join_arcs(&arcs, ring_arcs)?;
            keep_on_one_side_of_antimeridian(&mut ring);
            rings.push(ring.into_iter().map(|(lon, lat)| to_map(lon, lat)).collect());
        }
    }
    Ok(rings_by_id)
}

/// Undoes quantization and delta encoding: running sums, then `scale` and `translate`, giving lon/lat.
fn decode_arcs(arcs: &[Vec<[f64; 2]>], transform: &Transform) -> Vec<Vec<(f64, f64)>> {
    let [scale_x, scale_y] = transform.scale;
    let [translate_x, translate_y] = transform.translate;
    arcs.iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.iter()
                .map(|[dx, dy]| {
                    x += dx;
                    y += dy;
                    (x * scale_x + translate_x, y * scale_y + translate_y)
                })
                .collect()
        })
        .collect()
}

/// Joins the arcs of one ring (lon/lat). Consecutive arcs share their junction point, so every arc after the
/// first contributes all but its first point.
fn join_arcs(arcs: &[Vec<(f64, f64)>], indices: &[i64]) -> Result<Vec<(f64, f64)>, GeometryError> {
    let mut ring = Vec::new();
    for (position, &index) in indices.iter().enumerate() {
        let (arc_number, reversed) = if index < 0 { (!index, true) } else { (index, false) };
        let arc =
            usize::try_from(arc_number).ok().and_then(|number| arcs.get(number)).ok_or(GeometryError::BadArc(index))?;
        let skip = usize::from(position > 0);
        if reversed {
            ring.extend(arc.iter().rev().skip(skip));
        } else {
            ring.extend(arc.iter().skip(skip));
        }
    }
    Ok(ring)
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
mod tests {
    use super::*;
    use std::sync::OnceLock;

    const COARSE: &str = include_str!("../../endpoint/data/countries-110m.json");
    const DETAILED: &str = include_str!("../../endpoint/data/countries-50m.json");

    /// Built once: the 50m file takes a moment to parse in a debug build.
    fn world() -> &'static WorldMap {
        static WORLD: OnceLock<WorldMap> = OnceLock::new();
        WORLD.get_or_init(|| build_world(COARSE, DETAILED).expect("the vendored atlas builds"))
    }

    fn shape(id: &str) -> &'static CountryShape {
        world().shapes.iter().find(|shape| shape.id == id).unwrap_or_else(|| panic!("no shape {id}"))
    }

    /// Reads path data back into rings of absolute points, checking its grammar on the way.
    fn parse_path(path: &str) -> Vec<Vec<(i64, i64)>> {
        let mut tokens = path.split(' ');
        let mut rings = Vec::new();
        while let Some(token) = tokens.next() {
            assert_eq!(token, "M", "ring starts with M");
            let start_x: i64 = tokens.next().unwrap().parse().unwrap();
            let start_y: i64 = tokens.next().unwrap().parse().unwrap();
            assert_eq!(tokens.next(), Some("l"));
            let mut ring = vec![(start_x, start_y)];
            loop {
                let token = tokens.next().expect("ring ends with z");
                if token == "z" {
                    break;
                }
                let (last_x, last_y) = *ring.last().unwrap();
                let dx: i64 = token.parse().unwrap();
                let dy: i64 = tokens.next().unwrap().parse().unwrap();
                ring.push((last_x + dx, last_y + dy));
            }
            rings.push(ring);
        }
        rings
    }

    /// Area of a lon/lat cell in projection units, its edges sampled finely (meridians are curves).
    fn projected_cell_area(west: f64, south: f64, east: f64, north: f64) -> f64 {
        let steps = 100;
        let along = |from: f64, to: f64, step: usize| from + (to - from) * step as f64 / steps as f64;
        let mut outline = Vec::new();
        outline.extend((0..steps).map(|step| equal_earth(along(west, east, step), south)));
        outline.extend((0..steps).map(|step| equal_earth(east, along(south, north, step))));
        outline.extend((0..steps).map(|step| equal_earth(along(east, west, step), north)));
        outline.extend((0..steps).map(|step| equal_earth(west, along(north, south, step))));
        area_and_centroid(&outline).0.abs() / 2.0
    }

    #[test]
    fn equal_earth_is_centred_and_symmetric() {
        assert_eq!(equal_earth(0.0, 0.0), (0.0, 0.0));
        for (lon, lat) in [(10.0, 20.0), (-75.5, 44.0), (180.0, 89.0), (123.4, -56.7)] {
            let (x, y) = equal_earth(lon, lat);
            let (mirrored_x, mirrored_y) = equal_earth(-lon, -lat);
            assert!((x + mirrored_x).abs() < 1e-12 && (y + mirrored_y).abs() < 1e-12, "{lon} {lat}");
        }
    }

    #[test]
    fn equal_earth_matches_the_published_extent() {
        assert!((M - 3f64.sqrt() / 2.0).abs() < 1e-15);
        // The paper: the world is about 2.05 times as wide as tall; d3-geo's equalEarthRaw gives these values.
        let (half_width, _) = equal_earth(180.0, 0.0);
        let (_, half_height) = equal_earth(0.0, 90.0);
        assert!((half_width - HALF_WORLD_WIDTH).abs() < 1e-12);
        assert!((half_width - 2.706_630).abs() < 1e-5, "{half_width}");
        assert!((half_height - 1.317_363).abs() < 1e-5, "{half_height}");
        assert!((half_width / half_height - 2.0546).abs() < 1e-3);
    }

    #[test]
    fn height_is_the_world_height_rounded_up() {
        let world_height = 2.0 * equal_earth(0.0, 90.0).1 * SCALE;
        assert_eq!(HEIGHT, world_height.ceil(), "world height {world_height}");
    }

    #[test]
    fn to_map_fits_the_world_in_the_box() {
        assert!(to_map(-180.0, 0.0).0.abs() < 1e-9);
        assert!((to_map(180.0, 0.0).0 - WIDTH).abs() < 1e-9);
        assert!(to_map(0.0, 90.0).1.abs() < 1.0);
        assert!((to_map(0.0, -90.0).1 - HEIGHT).abs() < 1.0);
        assert_eq!(to_map(0.0, 0.0), (WIDTH / 2.0, HEIGHT / 2.0));
        assert!(to_map(0.0, 45.0).1 < HEIGHT / 2.0, "north is up");
    }

    #[test]
    fn cells_keep_their_relative_area() {
        let equator = projected_cell_area(0.0, 0.0, 10.0, 10.0);
        let subarctic = projected_cell_area(0.0, 60.0, 10.0, 70.0);
        let sphere_ratio = (70f64.to_radians().sin() - 60f64.to_radians().sin()) / 10f64.to_radians().sin();
        let ratio = subarctic / equator;
        assert!((ratio / sphere_ratio - 1.0).abs() < 0.02, "{ratio} vs {sphere_ratio}");
        // Equal Earth is exactly equal-area, so in fact the match is much closer than 2 %.
        assert!((ratio / sphere_ratio - 1.0).abs() < 1e-3, "{ratio} vs {sphere_ratio}");
    }

    #[test]
    fn the_real_atlas_has_the_countries() {
        let world = world();
        assert_eq!((world.width, world.height), (WIDTH, HEIGHT));
        assert!(world.shapes.len() >= 170, "{} shapes", world.shapes.len());
        for id in ["250", "076", "686", "356", "840", "010", "242", "643"] {
            shape(id);
        }
        let marker_ids: BTreeSet<&str> = world.markers.iter().map(|marker| marker.id.as_str()).collect();
        for id in ["702", "470", "480", "132", "882", "776", "048", "052", "462", "690", "174", "678", "308", "662"] {
            assert!(marker_ids.contains(id), "no marker {id}");
        }
        let shape_ids: BTreeSet<&str> = world.shapes.iter().map(|shape| shape.id.as_str()).collect();
        assert!(shape_ids.is_disjoint(&marker_ids));
        assert!(world.shapes.windows(2).all(|pair| pair[0].id < pair[1].id), "shapes sorted, unique");
        assert!(world.markers.windows(2).all(|pair| pair[0].id < pair[1].id), "markers sorted, unique");
        assert!(shape_ids.iter().chain(&marker_ids).all(|id| id.len() == 3));
    }

    #[test]
    fn paths_are_compact_integer_path_data_inside_the_box() {
        for shape in &world().shapes {
            assert!(shape.path.starts_with('M'), "{}", shape.id);
            assert!(shape.path.chars().all(|c| matches!(c, 'M' | 'l' | 'z' | ' ' | '-' | '0'..='9')), "{}", shape.id);
            for ring in parse_path(&shape.path) {
                let mut distinct = ring.clone();
                distinct.sort_unstable();
                distinct.dedup();
                assert!(distinct.len() >= 3, "{}", shape.id);
                assert!(ring.windows(2).all(|pair| pair[0] != pair[1]), "{}: repeated point", shape.id);
                for (x, y) in ring {
                    assert!((0..=WIDTH as i64).contains(&x) && (0..=HEIGHT as i64).contains(&y), "{}", shape.id);
                }
            }
        }
    }

    #[test]
    fn centres_are_on_the_map() {
        let world = world();
        let centres = world.shapes.iter().map(|shape| (&shape.id, shape.centre));
        let centres = centres.chain(world.markers.iter().map(|marker| (&marker.id, marker.centre)));
        for (id, (x, y)) in centres {
            assert!((0.0..=WIDTH).contains(&x) && (0.0..=HEIGHT).contains(&y), "{id}: {x} {y}");
            assert_eq!((x * 10.0).round() / 10.0, x, "{id}: rounded to 0.1");
        }
    }

    #[test]
    fn labels_sit_in_the_main_territory() {
        // Metropolitan France (about 2.5° E, 46.5° N), not between Europe and French Guiana. At 46.5° N Equal
        // Earth is 67 % of the way from the equator to the pole, hence about 80 units from the top of the map.
        let (x, y) = shape("250").centre;
        assert!((480.0..540.0).contains(&x) && (60.0..100.0).contains(&y), "France at {x} {y}");
        let (expected_x, expected_y) = to_map(2.5, 46.5);
        assert!((x - expected_x).abs() < 10.0 && (y - expected_y).abs() < 10.0, "France at {x} {y}");
        // Brazil is in the west of the southern half; Singapore's dot is in South-East Asia just north of the equator.
        let (x, y) = shape("076").centre;
        assert!(x < WIDTH / 2.0 && y > HEIGHT / 2.0, "Brazil at {x} {y}");
        let singapore = world().markers.iter().find(|marker| marker.id == "702").unwrap();
        let (expected_x, expected_y) = to_map(103.8, 1.35);
        assert!((singapore.centre.0 - expected_x).abs() < 2.0 && (singapore.centre.1 - expected_y).abs() < 2.0);
    }

    #[test]
    fn no_streaks_across_the_antimeridian() {
        for shape in &world().shapes {
            for ring in parse_path(&shape.path) {
                for pair in ring.windows(2) {
                    let dx = (pair[1].0 - pair[0].0).abs();
                    assert!(dx as f64 <= WIDTH / 2.0, "{}: segment of {dx} across the map", shape.id);
                }
            }
        }
    }

    #[test]
    fn antarctica_reaches_the_pole_and_fiji_keeps_its_islands() {
        let antarctica = parse_path(&shape("010").path);
        let lowest = antarctica.iter().flatten().map(|point| point.1).max().unwrap();
        assert_eq!(lowest, HEIGHT as i64, "Antarctica filled down to the pole line");
        // Fiji straddles 180°: both its big islands are on the eastern edge of the map, none on the western one.
        let fiji = parse_path(&shape("242").path);
        assert_eq!(fiji.len(), 2);
        assert!(fiji.iter().flatten().all(|point| point.0 > 950), "{fiji:?}");
    }

    #[test]
    fn a_ring_crossing_the_antimeridian_stays_on_the_side_of_most_of_it() {
        let mut ring = vec![(170.0, 0.0), (179.0, 5.0), (-179.0, 5.0), (-178.0, 0.0), (170.0, 0.0)];
        keep_on_one_side_of_antimeridian(&mut ring);
        assert_eq!(ring, vec![(170.0, 0.0), (179.0, 5.0), (180.0, 5.0), (180.0, 0.0), (170.0, 0.0)]);
        let mut ring = vec![(-180.0, 0.0), (-179.0, 1.0), (178.0, 1.0), (175.0, 0.0), (-180.0, 0.0)];
        keep_on_one_side_of_antimeridian(&mut ring);
        assert_eq!(ring, vec![(180.0, 0.0), (180.0, 1.0), (178.0, 1.0), (175.0, 0.0), (180.0, 0.0)]);
    }

    #[test]
    fn the_map_is_small() {
        let json = serde_json::to_string(world()).unwrap();
        println!(
            "world map: {} bytes of JSON, {} shapes, {} markers",
            json.len(),
            world().shapes.len(),
            world().markers.len()
        );
        assert!(json.len() < 120_000, "{} bytes", json.len());
    }

    /// A two-country topology in whole degrees (scale 1, translate 0): "001" is a 20°x20° square built from a
    /// forward and a reversed arc, "002" a speck that rounds away, "003" only exists in the detailed file.
    fn tiny_topology(countries: &str) -> String {
        format!(
            r#"{{"type":"Topology","transform":{{"scale":[1,1],"translate":[0,0]}},
                "arcs":[[[0,0],[20,0],[0,20]],[[0,0],[0,20],[20,0]],[[50,50],[0,0],[0,0],[0,0]],[[-60,-30],[1,0],[0,1],[-1,-1]]],
                "objects":{{"countries":{{"type":"GeometryCollection","geometries":[{countries}]}}}}}}"#
        )
    }

    #[test]
    fn rings_join_arcs_forwards_and_backwards() {
        let coarse = tiny_topology(
            r#"{"type":"Polygon","id":"001","arcs":[[0,-2]]},{"type":"MultiPolygon","id":"002","arcs":[[[2]]]},
               {"type":"Polygon","arcs":[[0,-2]]},{"type":"Point","id":"009","coordinates":[1,2]}"#,
        );
        let detailed = tiny_topology(r#"{"type":"Polygon","id":"003","arcs":[[3]]}"#);
        let world = build_world(&coarse, &detailed).unwrap();

        // (0,0) -> (20,0) -> (20,20), then arc 1 reversed: (20,20) -> (0,20) -> (0,0), shared points dropped.
        let corners = [(0.0, 0.0), (20.0, 0.0), (20.0, 20.0), (0.0, 20.0)].map(|(lon, lat)| {
            let (x, y) = to_map(lon, lat);
            (x.round() as i64, y.round() as i64)
        });
        let mut expected = format!("M {} {} l", corners[0].0, corners[0].1);
        for pair in corners.windows(2) {
            write!(expected, " {} {}", pair[1].0 - pair[0].0, pair[1].1 - pair[0].1).unwrap();
        }
        expected.push_str(" z");
        assert_eq!(world.shapes.len(), 1);
        assert_eq!(world.shapes[0].id, "001");
        assert_eq!(world.shapes[0].path, expected);
        let (x, y) = to_map(10.0, 10.0);
        assert!((world.shapes[0].centre.0 - x).abs() < 0.2 && (world.shapes[0].centre.1 - y).abs() < 1.0);

        // "002" rounds to a single point: not drawable, so a marker (from the coarse rings, as the detailed file
        // lacks it); "003" is only in the detailed file.
        let marker_ids: Vec<&str> = world.markers.iter().map(|marker| marker.id.as_str()).collect();
        assert_eq!(marker_ids, ["002", "003"]);
        let (x, y) = to_map(50.0, 50.0);
        assert_eq!(world.markers[0].centre, (to_tenth(x), to_tenth(y)));
    }

    #[test]
    fn rounding_drops_repeated_points_and_degenerate_rings() {
        let ring = [(1.2, 1.2), (1.4, 0.8), (5.0, 1.0), (5.0, 5.0), (5.1, 4.9), (1.0, 1.0)];
        assert_eq!(rounded_ring(&ring), vec![(1, 1), (5, 1), (5, 5)]);
        assert!(rounded_ring(&[(1.0, 1.0), (5.0, 1.0), (1.0, 1.0), (5.0, 1.0)]).is_empty());
        assert_eq!(svg_path(&[ring.to_vec(), vec![(0.0, 0.0), (0.2, 0.1)]]), "M 1 1 l 4 0 0 4 z");
    }

    #[test]
    fn unusable_input_is_an_error() {
        let detailed = tiny_topology("");
        assert!(matches!(
            build_world("{}", &detailed),
            Err(GeometryError::NotTopology(_) | GeometryError::MissingObject(_))
        ));
        assert!(matches!(build_world("not json", &detailed), Err(GeometryError::NotTopology(_))));
        assert!(matches!(
            build_world(r#"{"type":"FeatureCollection","features":[]}"#, &detailed),
            Err(GeometryError::NotTopology(_))
        ));
        assert_eq!(
            build_world(r#"{"type":"Topology","objects":{},"arcs":[]}"#, &detailed),
            Err(GeometryError::MissingObject("objects.countries"))
        );
        let no_transform = r#"{"type":"Topology","arcs":[],"objects":{"countries":{"geometries":[]}}}"#;
        assert_eq!(build_world(no_transform, &detailed), Err(GeometryError::MissingObject("transform")));
        let bad_arc = tiny_topology(r#"{"type":"Polygon","id":"001","arcs":[[0,-9]]}"#);
        assert_eq!(build_world(&bad_arc, &detailed), Err(GeometryError::BadArc(-9)));
        assert_eq!(build_world(&detailed, &bad_arc), Err(GeometryError::BadArc(-9)));
        assert_eq!(GeometryError::BadArc(7).to_string(), "arc index 7 is outside the topology's arcs");
    }
}
