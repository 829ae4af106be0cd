//! Colour arithmetic on `#rrggbb`: readable ink on the goals' official colours (the questionnaire's goal tiles,
//! the map's goal filters) and the map's shades of a goal's colour.

/// The red, green and blue of `#rrggbb` (0 for a channel that does not read).
pub fn rgb(colour: &str) -> [u8; 3] {
    let channel = |i: usize| colour.get(i..i + 2).and_then(|hex| u8::from_str_radix(hex, 16).ok()).unwrap_or(0);
    [channel(1), channel(3), channel(5)]
}

/// WCAG relative luminance of `#rrggbb`: 0 for black, 1 for white.
pub fn luminance(colour: &str) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = rgb(colour).map(linear);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// `classes` shades of `colour` (`#rrggbb`), from light to the full colour: the map's classes.
pub fn ramp(colour: &str, classes: usize) -> Vec<String> {
    let [r, g, b] = rgb(colour);
    (0..classes)
        .map(|i| {
            let t = if classes <= 1 { 1.0 } else { 0.25 + 0.75 * i as f64 / (classes - 1) as f64 };
            let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * t).round() as u8;
            format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
        })
        .collect()
}

/// Black or white, whichever has more contrast on `background` (`#rrggbb`).
pub fn ink_on(background: &str) -> &'static str {
    let l = luminance(background);
    if 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 {
        "#ffffff"
    } else {
        "#000000"
    }
}

/// The class giving an element goal `number`'s colour and readable ink on it (see [`goal_rules`]).
pub fn goal_class(number: u8) -> String {
    format!("fw-goal-{number}")
}

/// One CSS rule per goal, setting `--fw-sdg` and `--fw-sdg-ink` for its class: part of the widget's stylesheet,
/// because a host with a strict CSP refuses `style` attributes.
pub fn goal_rules() -> String {
    forus_model::sdgs()
        .iter()
        .map(|g| format!(".{}{{--fw-sdg:{};--fw-sdg-ink:{}}}", goal_class(g.number), g.colour, ink_on(&g.colour)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdg_numbers_stay_readable_on_their_colours() {
        assert_eq!(ink_on("#19486A"), "#ffffff", "goal 17, dark blue");
        assert_eq!(ink_on("#FCC30B"), "#000000", "goal 7, yellow");
        for goal in forus_model::sdgs() {
            let (bg, ink) = (luminance(&goal.colour), luminance(ink_on(&goal.colour)));
            let contrast = (bg.max(ink) + 0.05) / (bg.min(ink) + 0.05);
            assert!(contrast >= 4.5, "goal {}: contrast {contrast:.2}", goal.number);
        }
    }

    #[test]
    fn every_goal_has_a_rule_with_its_colour_and_ink() {
        let rules = goal_rules();
        assert!(rules.contains(".fw-goal-7{--fw-sdg:#FCC30B;--fw-sdg-ink:#000000}"), "{rules}");
        assert_eq!(rules.matches("--fw-sdg-ink").count(), 17);
    }
}
