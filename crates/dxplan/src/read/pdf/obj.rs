//! Small, forgiving accessors over lopdf objects: references followed,
//! wrong types read as absent.

use lopdf::{Dictionary, Document, Object, Stream};

static NULL: Object = Object::Null;

/// The object a reference points to (`Null` when it is missing).
pub fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    match doc.dereference(obj) {
        Ok((_, o)) => o,
        Err(_) => &NULL,
    }
}

/// A key's value with references followed.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let o = deref(doc, dict.get(key).ok()?);
    (!o.is_null()).then_some(o)
}

pub fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn get_stream<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    get(doc, dict, key)?.as_stream().ok()
}

pub fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    get(doc, dict, key)?.as_array().ok().map(|v| v.as_slice())
}

pub fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

pub fn get_num(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    num(deref(doc, dict.get(key).ok()?))
}

/// A number, integer or real.
pub fn num(obj: &Object) -> Option<f32> {
    obj.as_float().ok().filter(|v| v.is_finite())
}

/// An array of numbers (`None` when any element is not a number).
pub fn nums(doc: &Document, arr: &[Object]) -> Option<Vec<f32>> {
    arr.iter().map(|o| num(deref(doc, o))).collect()
}

/// A dictionary value as a dictionary (a stream's dictionary included).
pub fn as_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, obj) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}
