//! The participation map's logic, kept out of the components: which class (and colour) a country gets for
//! the selected goal, the legend's class bounds, moving between countries with the arrow keys, region zoom.

use forus_model::{participation::CountryParticipation, regions::coalitions_of, Lang};
use std::collections::HashMap;

/// The world geometry served by `/api/v1/map/geometry`, in the types that built it.
pub use forus_model::geometry::{CountryShape as Shape, Marker, WorldMap as World};

/// One country the map can show and focus: a shape or a marker, with its alpha-2 code.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub code: String,
    pub centre: (f64, f64),
    /// SVG path; `None` for a small state drawn as a marker.
    pub path: Option<String>,
    /// Ids of the Forus regional coalitions the country belongs to (the map's region presets).
    pub coalitions: Vec<&'static str>,
}

/// The places of the world that are countries we know, shapes first then markers, each in id order.
pub fn places(world: &World) -> Vec<Place> {
    let by_numeric: HashMap<&str, &forus_model::Country> =
        forus_model::countries().iter().filter_map(|c| Some((c.numeric.as_deref()?, c))).collect();
    let shapes = world.shapes.iter().map(|s| (&s.id, s.centre, Some(s.path.clone())));
    let markers = world.markers.iter().map(|m| (&m.id, m.centre, None));
    shapes
        .chain(markers)
        .filter_map(|(id, centre, path)| {
            let country = by_numeric.get(id.as_str())?;
            let coalitions = coalitions_of(&country.code).into_iter().map(|c| c.id.as_str()).collect();
            Some(Place { code: country.code.clone(), centre, path, coalitions })
        })
        .collect()
}

/// Published counts by country code.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Participation {
    pub by_country: HashMap<String, CountryParticipation>,
}

impl Participation {
    pub fn new(countries: Vec<CountryParticipation>) -> Participation {
        Participation { by_country: countries.into_iter().map(|c| (c.country.clone(), c)).collect() }
    }

    /// Organisations of `country` working on `goal` (all organisations when no goal is selected).
    pub fn count(&self, country: &str, goal: Option<u8>) -> Option<u32> {
        let entry = self.by_country.get(country)?;
        match goal {
            None => Some(entry.organisations),
            Some(goal) => entry.sdgs.get(&goal).copied(),
        }
    }

    /// Every published count for `goal`, to derive the legend from.
    pub fn counts(&self, goal: Option<u8>) -> Vec<u32> {
        self.by_country.keys().filter_map(|c| self.count(c, goal)).collect()
    }
}

/// Classes of the legend: published counts (every one five or more) up to each upper bound. Countries with
/// none or fewer than five are not published, and share the empty fill.
#[derive(Clone, Debug, PartialEq)]
pub struct Classes {
    /// Upper bounds (inclusive) of the classes, ascending; the last is the maximum.
    pub upper: Vec<u32>,
}

impl Classes {
    /// Up to four classes, split at quartiles so each holds about as many countries.
    pub fn from_counts(counts: &[u32]) -> Classes {
        let mut sorted = counts.to_vec();
        sorted.sort_unstable();
        let mut upper: Vec<u32> =
            (1..=4).filter_map(|q| sorted.get((sorted.len() * q).div_ceil(4).saturating_sub(1)).copied()).collect();
        upper.dedup();
        Classes { upper }
    }

    /// The class of a published count.
    pub fn class_of(&self, count: u32) -> usize {
        self.upper.iter().position(|&u| count <= u).unwrap_or(self.upper.len().saturating_sub(1))
    }

    /// Number of classes (zero when nothing is published).
    pub fn count(&self) -> usize {
        self.upper.len()
    }

    /// Legend labels: "5–9", "10–24"...
    pub fn labels(&self) -> Vec<String> {
        let mut labels = Vec::new();
        let mut lower = forus_model::benchmark::MIN_GROUP;
        for &upper in &self.upper {
            labels.push(if upper == lower { upper.to_string() } else { format!("{lower}–{upper}") });
            lower = upper + 1;
        }
        labels
    }
}

/// What a table or a bar shows for a goal with none or fewer than five organisations (never "0", which would
/// tell it apart).
pub const UNPUBLISHED: &str = "–";

/// Fill of countries with no organisation.
pub const EMPTY_FILL: &str = "#e6e8eb";
/// Ramp colour when no goal is selected.
pub const ALL_GOALS_COLOUR: &str = "#0b5394";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// The place to move to from `from` with an arrow key: the nearest centre lying in that direction (within
/// 60° of it), distance weighted against straying sideways.
pub fn neighbour(places: &[Place], from: usize, direction: Direction) -> Option<usize> {
    let (x0, y0) = places.get(from)?.centre;
    let (ux, uy) = match direction {
        Direction::Left => (-1.0, 0.0),
        Direction::Right => (1.0, 0.0),
        Direction::Up => (0.0, -1.0),
        Direction::Down => (0.0, 1.0),
    };
    places
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != from)
        .filter_map(|(i, p)| {
            let (dx, dy) = (p.centre.0 - x0, p.centre.1 - y0);
            let along = dx * ux + dy * uy;
            let across = (dx * uy - dy * ux).abs();
            (along > 0.0 && across <= along * 1.8).then_some((i, along + 3.0 * across))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// SVG viewBox framing a coalition's countries (or the whole world).
pub fn view_box(world: &World, places: &[Place], coalition: Option<&str>) -> String {
    let Some(coalition) = coalition else {
        return format!("0 0 {} {}", world.width, world.height);
    };
    let centres: Vec<(f64, f64)> =
        places.iter().filter(|p| p.coalitions.contains(&coalition)).map(|p| p.centre).collect();
    if centres.is_empty() {
        return format!("0 0 {} {}", world.width, world.height);
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in centres {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    // Centres sit inside the shapes: pad so border countries show whole, and keep the map's proportions.
    let pad = 40.0;
    let (mut w, mut h) = (x1 - x0 + 2.0 * pad, y1 - y0 + 2.0 * pad);
    let aspect = world.width / world.height;
    if w / h < aspect {
        let grown = h * aspect;
        x0 -= (grown - w) / 2.0;
        w = grown;
    } else {
        let grown = w / aspect;
        y0 -= (grown - h) / 2.0;
        h = grown;
    }
    format!("{:.0} {:.0} {:.0} {:.0}", x0 - pad, y0 - pad, w, h)
}

/// One country's line of the map's table.
pub struct Row {
    pub code: String,
    pub name: String,
    /// How the name sorts (accents and case ignored).
    name_key: String,
    pub total: Option<u32>,
    pub on_goal: Option<u32>,
}

/// What the map's table is sorted by.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Country,
    Organisations,
    Goal,
}

/// The table's lines in `lang`, `goal`'s column filled, sorted `by` (names as the country list sorts them;
/// equal counts alphabetical when most come first, the default).
pub fn table_rows(counts: &Participation, goal: Option<u8>, lang: Lang, by: SortBy, ascending: bool) -> Vec<Row> {
    let mut rows: Vec<Row> = counts
        .by_country
        .keys()
        .map(|code| {
            let name = country_name(code, lang);
            Row {
                code: code.clone(),
                name_key: forus_model::geo::sort_key(&name),
                name,
                total: counts.count(code, None),
                on_goal: goal.and_then(|g| counts.count(code, Some(g))),
            }
        })
        .collect();
    let rank = |c: &Option<u32>| c.unwrap_or(0);
    rows.sort_by(|a, b| {
        let order = match by {
            SortBy::Country => a.name_key.cmp(&b.name_key),
            SortBy::Organisations => rank(&a.total).cmp(&rank(&b.total)).then_with(|| b.name_key.cmp(&a.name_key)),
            SortBy::Goal => rank(&a.on_goal).cmp(&rank(&b.on_goal)).then_with(|| b.name_key.cmp(&a.name_key)),
        };
        if ascending {
            order
        } else {
            order.reverse()
        }
    });
    rows
}

pub fn country_name(code: &str, lang: Lang) -> String {
    forus_model::country(code).map(|c| c.name.get(lang).to_string()).unwrap_or_else(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colours::{luminance, ramp, rgb};

    #[test]
    fn classes_split_published_counts_at_quartiles() {
        let classes = Classes::from_counts(&[5, 5, 10, 10, 15, 20, 40, 100]);
        assert_eq!(classes.upper, [5, 10, 20, 100]);
        assert_eq!(classes.class_of(5), 0);
        assert_eq!(classes.class_of(15), 2);
        assert_eq!(classes.class_of(100), 3);
        assert_eq!(classes.labels(), ["5", "6–10", "11–20", "21–100"]);
        assert_eq!(Classes::from_counts(&[10]).labels(), ["5–10"]);
        assert_eq!(Classes::from_counts(&[]).count(), 0);
    }

    #[test]
    fn ramp_goes_from_light_to_the_goal_colour() {
        let goals = forus_model::geo::sdgs().iter().map(|goal| goal.colour.as_str());
        for colour in goals.chain([ALL_GOALS_COLOUR]) {
            for classes in 2..=7 {
                let shades = ramp(colour, classes);
                assert_eq!(shades.len(), classes);
                assert_eq!(rgb(&shades[classes - 1]), rgb(colour), "{colour}: the last class is the goal's colour");
                for pair in shades.windows(2) {
                    let (lighter, darker) = (&pair[0], &pair[1]);
                    assert!(
                        luminance(lighter) > luminance(darker),
                        "{colour} {classes}: {shades:?} darkens class by class"
                    );
                    for ((l, d), goal) in rgb(lighter).into_iter().zip(rgb(darker)).zip(rgb(colour)) {
                        // Every channel moves from near white towards the goal's, never back.
                        assert!(l >= d && d >= goal, "{colour} {classes}: {shades:?}");
                    }
                }
                assert!(luminance(&shades[0]) > 0.5, "{colour}: the first class is light: {}", shades[0]);
            }
        }
        assert_eq!(ramp("#E5243B", 1), ["#e5243b"], "one class is the goal's colour itself");
    }

    fn place(code: &str, x: f64, y: f64) -> Place {
        Place { code: code.into(), centre: (x, y), path: None, coalitions: vec!["concord"] }
    }

    #[test]
    fn arrows_move_to_the_nearest_country_in_that_direction() {
        let places = [
            place("FR", 500.0, 140.0),
            place("DE", 520.0, 120.0),
            place("ES", 480.0, 165.0),
            place("IT", 525.0, 160.0),
            place("GB", 485.0, 110.0),
        ];
        assert_eq!(neighbour(&places, 0, Direction::Right).map(|i| &places[i].code[..]), Some("DE"));
        assert_eq!(neighbour(&places, 0, Direction::Down).map(|i| &places[i].code[..]), Some("ES"));
        assert_eq!(neighbour(&places, 0, Direction::Up).map(|i| &places[i].code[..]), Some("GB"));
        assert_eq!(neighbour(&places, 2, Direction::Left), None);
    }

    #[test]
    fn view_box_frames_a_coalition_in_the_maps_proportions() {
        let world = World { width: 1000.0, height: 500.0, shapes: vec![], markers: vec![] };
        let places = [place("FR", 500.0, 140.0), place("SN", 440.3, 260.0)];
        assert_eq!(view_box(&world, &places, None), "0 0 1000 500");
        assert_eq!(view_box(&world, &places, Some("nowhere")), "0 0 1000 500");
        let framed: Vec<i64> =
            view_box(&world, &places, Some("concord")).split(' ').map(|n| n.parse().unwrap()).collect();
        let [x, y, w, h] = framed[..] else { panic!("four whole numbers: {framed:?}") };
        assert!(x <= 400 && y <= 100 && x + w >= 540 && y + h >= 300, "both centres, padded: {framed:?}");
        assert!((w as f64 / h as f64 - 2.0).abs() < 0.02, "the map's proportions: {framed:?}");
    }

    #[test]
    fn the_table_sorts_names_as_a_reader_expects_and_ties_alphabetically() {
        let at = |country: &str, organisations| CountryParticipation {
            country: country.into(),
            organisations,
            sdgs: [(4, organisations)].into(),
        };
        let counts = Participation::new(vec![at("ZM", 5), at("EG", 5), at("ES", 10), at("AE", 5)]);
        let names = |by, ascending| {
            table_rows(&counts, Some(4), Lang::Fr, by, ascending).into_iter().map(|r| r.name).collect::<Vec<_>>()
        };
        assert_eq!(names(SortBy::Country, true), ["Égypte", "Émirats Arabes Unis", "Espagne", "Zambie"]);
        assert_eq!(names(SortBy::Organisations, false), ["Espagne", "Égypte", "Émirats Arabes Unis", "Zambie"]);
        assert_eq!(names(SortBy::Goal, false), ["Espagne", "Égypte", "Émirats Arabes Unis", "Zambie"]);
    }
}
