//! Request headers read by more than one route, each parsed here and only here.

use axum::http::{header, HeaderMap};

/// The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1; the scheme is case-insensitive,
/// RFC 9110 §11.1). `None` when the header is missing, uses another scheme, or carries no token.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Whether the client's `If-None-Match` matches `etag`, so that a `304 Not Modified` is the answer (RFC 9110
/// §13.1.2): `*` matches whatever we have; otherwise any entity tag of the list (over one or several header
/// lines) matches ours by the weak comparison, which ignores a `W/` prefix on either side. Tags are quoted and
/// may hold commas. A malformed header matches nothing, so the client simply gets the full response.
pub fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    let ours = opaque(etag);
    headers.get_all(header::IF_NONE_MATCH).iter().any(|value| {
        let Ok(mut rest) = value.to_str() else {
            return false;
        };
        loop {
            rest = rest.trim_start_matches([' ', '\t', ',']);
            if rest.is_empty() {
                return false;
            }
            if let Some(after) = rest.strip_prefix('*') {
                // `*` stands alone in its header (RFC 9110: `"*" / #entity-tag`).
                return after.trim_start_matches([' ', '\t', ',']).is_empty();
            }
            let tagged = rest.strip_prefix("W/").unwrap_or(rest);
            let Some(inner) = tagged.strip_prefix('"') else {
                return false;
            };
            let Some(end) = inner.find('"') else {
                return false;
            };
            if Some(&inner[..end]) == ours {
                return true;
            }
            rest = &inner[end + 1..];
            if !(rest.is_empty() || rest.starts_with([' ', '\t', ','])) {
                return false;
            }
        }
    })
}

/// The opaque part of an entity tag (`W/"abc"` and `"abc"` are both `abc`); `None` if it is not quoted.
fn opaque(etag: &str) -> Option<&str> {
    let etag = etag.trim();
    etag.strip_prefix("W/").unwrap_or(etag).strip_prefix('"')?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with(name: header::HeaderName, values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn bearer_tokens_are_read_whatever_the_schemes_case() {
        let token = |value: &str| bearer(&with(header::AUTHORIZATION, &[value])).map(str::to_string);
        assert_eq!(token("Bearer abc123"), Some("abc123".into()));
        assert_eq!(token("bearer abc123"), Some("abc123".into()));
        assert_eq!(token("BEARER   abc123  "), Some("abc123".into()));
        assert_eq!(token("Bearer a.b-c_d~e+f/g=="), Some("a.b-c_d~e+f/g==".into()));
        assert_eq!(token("Bearer "), None);
        assert_eq!(token("Bearer"), None);
        assert_eq!(token("Bearerabc"), None);
        assert_eq!(token("Basic dXNlcjpwYXNz"), None);
        assert_eq!(token("Token abc"), None);
        assert_eq!(bearer(&HeaderMap::new()), None);
    }

    #[test]
    fn if_none_match_follows_rfc_9110() {
        let etag = "\"abc\"";
        let matches = |values: &[&str]| if_none_match(&with(header::IF_NONE_MATCH, values), etag);
        assert!(matches(&["\"abc\""]));
        assert!(matches(&["W/\"abc\""]), "weak comparison: a weak tag matches");
        assert!(if_none_match(&with(header::IF_NONE_MATCH, &["\"abc\""]), "W/\"abc\""), "ours weak too");
        assert!(matches(&["\"x\", \"abc\""]), "any tag of a list");
        assert!(matches(&["\"x\",W/\"abc\""]));
        assert!(matches(&["\"x\"", "\"abc\""]), "a list over several header lines");
        assert!(matches(&["\"a,b\", \"abc\""]), "a comma inside a tag is part of it");
        assert!(matches(&["*"]));
        assert!(matches(&[" * "]));

        assert!(!matches(&[]));
        assert!(!matches(&["\"abcd\""]));
        assert!(!matches(&["\"ab\""]));
        assert!(!matches(&["abc"]), "an unquoted tag is malformed");
        assert!(!matches(&["\"a,\"abc\"\""]), "a tag with a quote inside is malformed");
        assert!(!matches(&["w/\"abc\""]), "W/ is case-sensitive");
        assert!(!matches(&["\"abc"]));
        assert!(!matches(&["*, \"x\""]), "`*` stands alone");
        assert!(!matches(&[""]));
    }
}
