//! Colour arithmetic on `#rrggbb`: readable ink on the goals' official colours, for the questionnaire's goal
//! tiles and the map's goal filters alike.

/// WCAG relative luminance of `#rrggbb`.
pub fn luminance(colour: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(colour.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0)) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
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

/// Inline style giving an element a goal's colour and readable ink on it (the CSS reads `--fw-sdg` and
/// `--fw-sdg-ink`).
pub fn goal_style(colour: &str) -> String {
    format!("--fw-sdg: {colour}; --fw-sdg-ink: {}", ink_on(colour))
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
    fn goal_style_sets_both_custom_properties() {
        assert_eq!(goal_style("#FCC30B"), "--fw-sdg: #FCC30B; --fw-sdg-ink: #000000");
    }
}
