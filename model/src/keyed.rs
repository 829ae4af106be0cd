//! Values by a text key, in key order: a visitor's answers (by question id) and a step's problems (by field).

use litemap::LiteMap;
use serde::{
    de::{MapAccess, Visitor},
    Deserialize, Deserializer, Serialize, Serializer,
};
use std::{
    fmt,
    marker::PhantomData,
    ops::{Deref, DerefMut},
};

/// Values by a text key, kept in key order, written and read as a JSON object, as a `BTreeMap<String, V>` is:
/// a key given twice keeps its last value.
///
/// A sorted list (ICU4X's `LiteMap`) rather than a `BTreeMap`: a B-tree's search, insertion, removal and drop
/// are code of their own for each value type, and the widget's first view, which every visitor downloads,
/// carried them for both answers and problems (6.5 KB brotli of its 138.3 KB). These maps hold a questionnaire's
/// answers at most, tens of entries, where a binary search in one list is as quick. Everything else is
/// `LiteMap`'s own API, through `Deref`.
#[derive(Clone, PartialEq)]
pub struct Keyed<V>(LiteMap<String, V>);

impl<V> Keyed<V> {
    pub const fn new() -> Self {
        Keyed(LiteMap::new_vec())
    }
}

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed::new()
    }
}

impl<V> Deref for Keyed<V> {
    type Target = LiteMap<String, V>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<V> DerefMut for Keyed<V> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<V: fmt::Debug> fmt::Debug for Keyed<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter()).finish()
    }
}

/// Sorted by key; a key given twice keeps its last value.
impl<V> FromIterator<(String, V)> for Keyed<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        Keyed(entries.into_iter().collect())
    }
}

impl<V, const N: usize> From<[(String, V); N]> for Keyed<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> Extend<(String, V)> for Keyed<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, entries: I) {
        self.0.extend(entries)
    }
}

impl<V> IntoIterator for Keyed<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a Keyed<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = <&'a LiteMap<String, V> as IntoIterator>::IntoIter;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Keyed<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = Keyed<V>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a map")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut entries: M) -> Result<Keyed<V>, M::Error> {
                let mut map = Keyed::new();
                while let Some((key, value)) = entries.next_entry::<String, V>()? {
                    map.insert(key, value);
                }
                Ok(map)
            }
        }

        deserializer.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    /// The JSON a `BTreeMap` wrote and read: every stored submission and draft was written so.
    #[test]
    fn reads_and_writes_json_as_a_btree_map_does() {
        for json in [r#"{}"#, r#"{"b":2,"a":1,"c":3}"#, r#"{"a":1,"b":2,"a":3}"#, r#"{"zz":1,"é":2,"Z":3,"":4}"#] {
            let keyed: Keyed<u32> = serde_json::from_str(json).unwrap();
            let btree: BTreeMap<String, u32> = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&keyed).unwrap(), serde_json::to_string(&btree).unwrap(), "{json}");
            assert!(keyed.iter().eq(btree.iter()), "{json}");
        }
        for wrong in [json!([]), json!([["a", 1]]), json!("a"), json!(null), json!({"a": "1"})] {
            assert!(serde_json::from_value::<Keyed<u32>>(wrong.clone()).is_err(), "{wrong}");
            assert!(serde_json::from_value::<BTreeMap<String, u32>>(wrong.clone()).is_err(), "{wrong}");
        }
    }

    #[test]
    fn keeps_keys_in_order_and_the_last_value_of_each() {
        let mut keyed: Keyed<u32> = [("b".into(), 1), ("a".into(), 2), ("b".into(), 3)].into_iter().collect();
        assert_eq!(keyed.insert("c".into(), 4), None);
        assert_eq!(keyed.insert("a".into(), 5), Some(2));
        assert_eq!(keyed.remove("c"), Some(4));
        keyed.extend([("0".into(), 6), ("b".into(), 7)]);
        let entries: Vec<(String, u32)> = keyed.into_iter().collect();
        assert_eq!(entries, [("0".into(), 6), ("a".into(), 5), ("b".into(), 7)]);
    }
}
