//! A serde `Deserializer` over serde-saphyr's that records where every node
//! sits while the raw type is read, so one parse gives values and spans.
//!
//! Each node is requested through serde-saphyr's span protocol, the one its
//! public `Spanned<T>` uses (`deserialize_newtype_struct("__yaml_spanned")`
//! yields the fields `marker, value, referenced, defined` in that order):
//! the value is read with the request the raw type made, then its location
//! arrives, also when the value failed. `spans.rs` keeps both; the unit
//! tests of `yaml` fail if a new serde-saphyr changes the protocol.

use super::spans::Recorder;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde_saphyr::Location;
use std::cell::RefCell;
use std::fmt;

const SPANNED: &str = "__yaml_spanned";

type Rec<'r, 't> = &'r RefCell<Recorder<'t>>;

/// What the raw type asked the deserializer for.
#[derive(Clone, Copy)]
pub(super) enum Method {
    Any,
    Bool,
    I8,
    I16,
    I32,
    I64,
    I128,
    U8,
    U16,
    U32,
    U64,
    U128,
    F32,
    F64,
    Char,
    Str,
    String,
    Bytes,
    ByteBuf,
    Option,
    Unit,
    UnitStruct(&'static str),
    NewtypeStruct(&'static str),
    Seq,
    Tuple(usize),
    TupleStruct(&'static str, usize),
    Map,
    Struct(&'static str),
    Enum(&'static str, &'static [&'static str]),
    Identifier,
    IgnoredAny,
}

impl Method {
    /// Sequences and mappings are read as "any": a scalar then reaches the
    /// raw type's own visitor, whose error names what it found and wanted
    /// (`string "x", expected a sequence`), and an empty value is an empty
    /// collection, as serde_yaml read it.
    fn call<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        self,
        d: D,
        v: V,
    ) -> Result<V::Value, D::Error> {
        match self {
            Method::Any | Method::Seq | Method::Map | Method::Struct(..) => d.deserialize_any(v),
            Method::Bool => d.deserialize_bool(v),
            Method::I8 => d.deserialize_i8(v),
            Method::I16 => d.deserialize_i16(v),
            Method::I32 => d.deserialize_i32(v),
            Method::I64 => d.deserialize_i64(v),
            Method::I128 => d.deserialize_i128(v),
            Method::U8 => d.deserialize_u8(v),
            Method::U16 => d.deserialize_u16(v),
            Method::U32 => d.deserialize_u32(v),
            Method::U64 => d.deserialize_u64(v),
            Method::U128 => d.deserialize_u128(v),
            Method::F32 => d.deserialize_f32(v),
            Method::F64 => d.deserialize_f64(v),
            Method::Char => d.deserialize_char(v),
            Method::Str => d.deserialize_str(v),
            Method::String => d.deserialize_string(v),
            Method::Bytes => d.deserialize_bytes(v),
            Method::ByteBuf => d.deserialize_byte_buf(v),
            Method::Option => d.deserialize_option(v),
            Method::Unit => d.deserialize_unit(v),
            Method::UnitStruct(n) => d.deserialize_unit_struct(n, v),
            Method::NewtypeStruct(n) => d.deserialize_newtype_struct(n, v),
            Method::Tuple(len) => d.deserialize_tuple(len, v),
            Method::TupleStruct(n, len) => d.deserialize_tuple_struct(n, len, v),
            Method::Enum(n, vs) => d.deserialize_enum(n, vs, v),
            Method::Identifier => d.deserialize_identifier(v),
            Method::IgnoredAny => d.deserialize_ignored_any(v),
        }
    }

    /// An empty value reads as an empty collection.
    fn empty_ok(self) -> bool {
        matches!(self, Method::Seq | Method::Map | Method::Struct(..))
    }

    /// What serde's visitor for the requested type expects, for errors
    /// serde-saphyr raises itself before any visitor is asked.
    pub(super) fn expected(self) -> String {
        match self {
            Method::Str | Method::String | Method::Char => "a string".into(),
            Method::Bool => "a boolean".into(),
            Method::I8 => "i8".into(),
            Method::I16 => "i16".into(),
            Method::I32 => "i32".into(),
            Method::I64 => "i64".into(),
            Method::I128 => "i128".into(),
            Method::U8 => "u8".into(),
            Method::U16 => "u16".into(),
            Method::U32 => "u32".into(),
            Method::U64 => "u64".into(),
            Method::U128 => "u128".into(),
            Method::F32 => "f32".into(),
            Method::F64 => "f64".into(),
            Method::Seq | Method::Tuple(_) | Method::TupleStruct(..) => "a sequence".into(),
            Method::Map => "a map".into(),
            Method::Struct(name) => format!("struct {name}"),
            Method::Enum(name, _) => format!("enum {name}"),
            _ => "a value".into(),
        }
    }
}

/// The deserializer of one node.
pub(super) struct Track<'r, 't, D> {
    de: D,
    rec: Rec<'r, 't>,
    node: usize,
    /// Reading a mapping key (of the entry `node`).
    key: bool,
    /// Already located (the inside of an option or a newtype).
    located: bool,
}

impl<'r, 't, D> Track<'r, 't, D> {
    pub(super) fn root(de: D, rec: Rec<'r, 't>) -> Self {
        Track {
            de,
            rec,
            node: 0,
            key: false,
            located: false,
        }
    }
}

impl<'de, D: Deserializer<'de>> Track<'_, '_, D> {
    fn go<V: Visitor<'de>>(self, method: Method, visitor: V) -> Result<V::Value, D::Error> {
        let tv = TrackVisitor {
            visitor,
            rec: self.rec,
            node: self.node,
            key: self.key,
            method,
        };
        if self.located {
            let rec = self.rec;
            let read = method.call(self.de, tv);
            if read.is_err() {
                let mut r = rec.borrow_mut();
                if r.failure.is_none() && r.inner.is_none() {
                    r.inner = Some(method);
                }
            }
            return read;
        }
        self.de.deserialize_newtype_struct(SPANNED, Locate(tv))
    }
}

macro_rules! requests {
    ($($name:ident => $method:ident),* $(,)?) => {
        $(fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.go(Method::$method, visitor)
        })*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Track<'_, '_, D> {
    type Error = D::Error;

    requests! {
        deserialize_any => Any, deserialize_bool => Bool, deserialize_i8 => I8,
        deserialize_i16 => I16, deserialize_i32 => I32, deserialize_i64 => I64,
        deserialize_i128 => I128, deserialize_u8 => U8, deserialize_u16 => U16,
        deserialize_u32 => U32, deserialize_u64 => U64, deserialize_u128 => U128,
        deserialize_f32 => F32, deserialize_f64 => F64, deserialize_char => Char,
        deserialize_str => Str, deserialize_string => String, deserialize_bytes => Bytes,
        deserialize_byte_buf => ByteBuf, deserialize_option => Option, deserialize_unit => Unit,
        deserialize_seq => Seq, deserialize_map => Map, deserialize_identifier => Identifier,
        deserialize_ignored_any => IgnoredAny,
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.go(Method::UnitStruct(name), visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.go(Method::NewtypeStruct(name), visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.go(Method::Tuple(len), visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.go(Method::TupleStruct(name, len), visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let _ = fields;
        self.go(Method::Struct(name), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.go(Method::Enum(name, variants), visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// Reads serde-saphyr's span fields around the node's value.
struct Locate<'r, 't, V>(TrackVisitor<'r, 't, V>);

impl<'de, V: Visitor<'de>> Visitor<'de> for Locate<'_, '_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.visitor.expecting(f)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        d.deserialize_struct("Spanned", &[], self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<V::Value, A::Error> {
        let (rec, node, key, method) = (self.0.rec, self.0.node, self.0.key, self.0.method);
        map.next_key::<IgnoredAny>()?; // the marker
        map.next_value::<IgnoredAny>()?;
        map.next_key::<IgnoredAny>()?; // "value"
        let value = map.next_value_seed(Resume(self.0));
        map.next_key::<IgnoredAny>()?; // "referenced"
        let referenced: Location = map.next_value()?;
        map.next_key::<IgnoredAny>()?; // "defined"
        let defined: Location = map.next_value()?;
        rec.borrow_mut().located(
            node,
            key,
            &referenced,
            &defined,
            value.is_err().then_some(method),
        );
        value
    }
}

struct Resume<'r, 't, V>(TrackVisitor<'r, 't, V>);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Resume<'_, '_, V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.method.call(d, self.0)
    }
}

/// The raw type's visitor, seeing the node's children through trackers.
struct TrackVisitor<'r, 't, V> {
    visitor: V,
    rec: Rec<'r, 't>,
    node: usize,
    key: bool,
    method: Method,
}

impl<V> TrackVisitor<'_, '_, V> {
    fn name(&self, name: &str) {
        if self.key {
            self.rec.borrow_mut().name(self.node, name);
        }
    }
}

macro_rules! scalars {
    ($($name:ident: $ty:ty),* $(,)?) => {
        $(fn $name<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.name(&v.to_string());
            self.visitor.$name(v)
        })*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TrackVisitor<'_, '_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    scalars! {
        visit_bool: bool, visit_i8: i8, visit_i16: i16, visit_i32: i32, visit_i64: i64,
        visit_i128: i128, visit_u8: u8, visit_u16: u16, visit_u32: u32, visit_u64: u64,
        visit_u128: u128, visit_f32: f32, visit_f64: f64, visit_char: char,
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.name(v);
        self.visitor.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.name(v);
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.name(&v);
        self.visitor.visit_string(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.visitor.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.visitor.visit_borrowed_bytes(v)
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        self.visitor.visit_byte_buf(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visit_unit()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        match self.method {
            Method::Seq => self
                .visitor
                .visit_seq(de::value::SeqDeserializer::<_, E>::new(
                    std::iter::empty::<()>(),
                )),
            m if m.empty_ok() => self
                .visitor
                .visit_map(de::value::MapDeserializer::<_, E>::new(
                    std::iter::empty::<((), ())>(),
                )),
            Method::Option => self.visitor.visit_none(),
            _ => self.visitor.visit_unit(),
        }
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Track {
            de: d,
            rec: self.rec,
            node: self.node,
            key: self.key,
            located: true,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(Track {
            de: d,
            rec: self.rec,
            node: self.node,
            key: self.key,
            located: true,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.key {
            return self.visitor.visit_seq(seq);
        }
        self.rec.borrow_mut().collection(self.node);
        self.visitor.visit_seq(TrackSeq {
            seq,
            rec: self.rec,
            node: self.node,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        if self.key {
            return self.visitor.visit_map(map);
        }
        self.rec.borrow_mut().collection(self.node);
        self.visitor.visit_map(TrackMap {
            map,
            rec: self.rec,
            node: self.node,
            entry: None,
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(TrackEnum {
            data,
            rec: self.rec,
            node: self.node,
        })
    }
}

struct TrackSeq<'r, 't, A> {
    seq: A,
    rec: Rec<'r, 't>,
    node: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for TrackSeq<'_, '_, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        self.seq.next_element_seed(Child {
            seed,
            rec: self.rec,
            parent: self.node,
            entry: None,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

struct TrackMap<'r, 't, A> {
    map: A,
    rec: Rec<'r, 't>,
    node: usize,
    /// The entry whose key was read last.
    entry: Option<usize>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for TrackMap<'_, '_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(Child {
            seed,
            rec: self.rec,
            parent: self.node,
            entry: Some(&mut self.entry),
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let node = match self.entry.take() {
            Some(n) => n,
            None => self.rec.borrow_mut().child(self.node),
        };
        self.map.next_value_seed(Value {
            seed,
            rec: self.rec,
            node,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A new child node: a sequence item, or the key of a mapping entry
/// (`entry` then receives the entry's node for its value).
struct Child<'r, 't, 'e, S> {
    seed: S,
    rec: Rec<'r, 't>,
    parent: usize,
    entry: Option<&'e mut Option<usize>>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Child<'_, '_, '_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        let node = self.rec.borrow_mut().child(self.parent);
        let key = self.entry.is_some();
        if let Some(entry) = self.entry {
            *entry = Some(node);
        }
        self.seed.deserialize(Track {
            de: d,
            rec: self.rec,
            node,
            key,
            located: false,
        })
    }
}

/// The value of a mapping entry.
struct Value<'r, 't, S> {
    seed: S,
    rec: Rec<'r, 't>,
    node: usize,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Value<'_, '_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Track {
            de: d,
            rec: self.rec,
            node: self.node,
            key: false,
            located: false,
        })
    }
}

struct TrackEnum<'r, 't, A> {
    data: A,
    rec: Rec<'r, 't>,
    node: usize,
}

impl<'r, 't, 'de, A: EnumAccess<'de>> EnumAccess<'de> for TrackEnum<'r, 't, A> {
    type Error = A::Error;
    type Variant = TrackVariant<'r, 't, A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.data.variant_seed(seed)?;
        Ok((
            value,
            TrackVariant {
                variant,
                rec: self.rec,
                node: self.node,
            },
        ))
    }
}

/// An enum's payload belongs to the enum's node.
struct TrackVariant<'r, 't, A> {
    variant: A,
    rec: Rec<'r, 't>,
    node: usize,
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for TrackVariant<'_, '_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.variant.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        self.variant.newtype_variant_seed(Value {
            seed,
            rec: self.rec,
            node: self.node,
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        let tv = self.visitor(Method::Tuple(len), visitor);
        self.variant.tuple_variant(len, tv)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let tv = self.visitor(Method::Struct(""), visitor);
        self.variant.struct_variant(fields, tv)
    }
}

impl<'r, 't, A> TrackVariant<'r, 't, A> {
    fn visitor<V>(&self, method: Method, visitor: V) -> TrackVisitor<'r, 't, V> {
        TrackVisitor {
            visitor,
            rec: self.rec,
            node: self.node,
            key: false,
            method,
        }
    }
}
