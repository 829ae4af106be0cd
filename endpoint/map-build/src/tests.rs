use super::*;
use std::sync::OnceLock;
use topojson::{Geometry, NamedGeometry, Topology};

const COARSE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/countries-110m.json"));
const DETAILED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../data/countries-50m.json"));

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
    // Equal Earth is exactly equal-area, so the match is far closer than the eye could tell.
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

/// Neighbours draw their common border with the same points, so no gap or overlap opens between them: for every
/// arc of the coarse atlas that two countries share, each segment of the arc (projected, rounded) is a segment
/// of both countries' paths.
#[test]
fn shared_borders_stay_shared() {
    let TopoJson::Topology(topology) = COARSE.parse::<TopoJson>().unwrap() else { panic!("a topology") };
    let countries = topology.objects.iter().find(|object| object.name == "countries").unwrap();
    let Value::GeometryCollection(geometries) = &countries.geometry.value else { panic!("a collection") };
    let mut users: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for geometry in geometries {
        let Some(serde_json::Value::String(id)) = &geometry.id else { continue };
        let indices: Vec<i32> = match &geometry.value {
            Value::Polygon(rings) => rings.concat(),
            Value::MultiPolygon(polygons) => polygons.concat().concat(),
            _ => continue,
        };
        for index in indices {
            let number = if index < 0 { !index } else { index };
            users.entry(usize::try_from(number).unwrap()).or_default().insert(id);
        }
    }

    // Every arc decoded by topojson on its own: one line per arc.
    let every_arc = Value::MultiLineString((0..topology.arcs.len()).map(|arc| vec![arc as i32]).collect());
    let arcs_only = Topology {
        objects: vec![NamedGeometry { name: "arcs".into(), geometry: Geometry::new(every_arc) }],
        ..topology.clone()
    };
    let features = topojson::to_geojson(&arcs_only, "arcs").unwrap().features;
    let Some(geojson::Value::MultiLineString(arcs)) = features[0].geometry.as_ref().map(|g| &g.value) else {
        panic!("the arcs as lines")
    };

    type Segment = ((i64, i64), (i64, i64));
    let undirected = |a: (i64, i64), b: (i64, i64)| -> Segment { (a.min(b), a.max(b)) };
    let segments: BTreeMap<&str, BTreeSet<Segment>> = world()
        .shapes
        .iter()
        .map(|shape| {
            let rings = parse_path(&shape.path);
            let closed = rings.iter().flat_map(|ring| ring.iter().zip(ring.iter().cycle().skip(1)));
            (shape.id.as_str(), closed.map(|(&a, &b)| undirected(a, b)).collect())
        })
        .collect();

    let mut neighbours = BTreeSet::new();
    let mut checked = 0;
    for (&arc, ids) in users.iter().filter(|(_, ids)| ids.len() == 2) {
        let mut points: Vec<(i64, i64)> = arcs[arc]
            .iter()
            .map(|position| {
                let (x, y) = to_map(position[0], position[1]);
                (x.round() as i64, y.round() as i64)
            })
            .collect();
        points.dedup();
        for pair in points.windows(2) {
            let segment = undirected(pair[0], pair[1]);
            for id in ids {
                assert!(segments[id].contains(&segment), "{id} lacks {segment:?} of arc {arc}, shared with {ids:?}");
            }
            checked += 1;
        }
        neighbours.insert(ids.clone());
    }
    println!("shared borders: {} pairs of neighbours, {checked} segments", neighbours.len());
    assert!(neighbours.contains(&BTreeSet::from(["250", "724"])), "France and Spain are neighbours");
    assert!(neighbours.len() > 250 && checked > 2000, "{} pairs of neighbours, {checked} segments", neighbours.len());
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

/// The path of the 20°x20° square with its corner at 0°, 0°, drawn from (0,0) east, north, then west.
fn square_path() -> String {
    let corners = [(0.0, 0.0), (20.0, 0.0), (20.0, 20.0), (0.0, 20.0)].map(|(lon, lat)| {
        let (x, y) = to_map(lon, lat);
        (x.round() as i64, y.round() as i64)
    });
    let mut expected = format!("M {} {} l", corners[0].0, corners[0].1);
    for pair in corners.windows(2) {
        write!(expected, " {} {}", pair[1].0 - pair[0].0, pair[1].1 - pair[0].1).unwrap();
    }
    expected.push_str(" z");
    expected
}

#[test]
fn rings_join_arcs_forwards_and_backwards() {
    let coarse = tiny_topology(
        r#"{"type":"Polygon","id":"001","arcs":[[0,-2]]},{"type":"MultiPolygon","id":"002","arcs":[[[2]]]},
           {"type":"Polygon","arcs":[[0,-2]]},{"type":"Point","id":"009","coordinates":[1,2]},
           {"type":"GeometryCollection","id":"010","geometries":[]}"#,
    );
    let detailed = tiny_topology(r#"{"type":"Polygon","id":"003","arcs":[[3]]}"#);
    let world = build_world(&coarse, &detailed).unwrap();

    // (0,0) -> (20,0) -> (20,20), then arc 1 reversed: (20,20) -> (0,20) -> (0,0).
    assert_eq!(world.shapes.len(), 1);
    assert_eq!(world.shapes[0].id, "001");
    assert_eq!(world.shapes[0].path, square_path());
    let (x, y) = to_map(10.0, 10.0);
    assert!((world.shapes[0].centre.0 - x).abs() < 0.2 && (world.shapes[0].centre.1 - y).abs() < 1.0);

    // "002" rounds to a single point: not drawable, so a marker (from the coarse rings, as the detailed file
    // lacks it); "003" is only in the detailed file. The point and the nested collection carry no area.
    let marker_ids: Vec<&str> = world.markers.iter().map(|marker| marker.id.as_str()).collect();
    assert_eq!(marker_ids, ["002", "003"]);
    let (x, y) = to_map(50.0, 50.0);
    assert_eq!(world.markers[0].centre, (to_tenth(x), to_tenth(y)));
}

#[test]
fn an_unquantised_topology_reads_its_positions_as_they_are() {
    let coarse = r#"{"type":"Topology","arcs":[[[0,0],[20,0],[20,20]],[[0,0],[0,20],[20,20]]],
        "objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","id":"001","arcs":[[0,-2]]}]}}}"#;
    let world = build_world(coarse, &tiny_topology("")).unwrap();
    assert_eq!(world.shapes.len(), 1);
    assert_eq!(world.shapes[0].path, square_path());
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
    assert!(matches!(build_world("{}", &detailed), Err(GeometryError::NotTopology(_))));
    assert!(matches!(build_world("not json", &detailed), Err(GeometryError::NotTopology(_))));
    assert!(matches!(
        build_world(r#"{"type":"FeatureCollection","features":[]}"#, &detailed),
        Err(GeometryError::NotTopology(_))
    ));
    assert!(matches!(build_world(r#"{"type":"Polygon","arcs":[[0]]}"#, &detailed), Err(GeometryError::NotTopology(_))));
    assert_eq!(
        build_world(r#"{"type":"Topology","objects":{},"arcs":[]}"#, &detailed),
        Err(GeometryError::MissingObject("objects.countries"))
    );
    let not_a_collection = r#"{"type":"Topology","arcs":[],"objects":{"countries":{"type":"Polygon","arcs":[]}}}"#;
    assert_eq!(build_world(not_a_collection, &detailed), Err(GeometryError::MissingObject("objects.countries")));
    let bad_arc = tiny_topology(r#"{"type":"Polygon","id":"001","arcs":[[0,-9]]}"#);
    assert_eq!(build_world(&bad_arc, &detailed), Err(GeometryError::BadArc(-9)));
    assert_eq!(build_world(&detailed, &bad_arc), Err(GeometryError::BadArc(-9)));
    assert_eq!(GeometryError::BadArc(7).to_string(), "arc index 7 is outside the topology's arcs");
}
