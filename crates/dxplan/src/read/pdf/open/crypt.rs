//! Encryption that lopdf cannot set up by itself.
//!
//! lopdf authenticates the password when it loads a file and, when that
//! fails, leaves every object unread. Several readable files fail there:
//! an `/Encrypt` dictionary whose `/CF` (or another entry) is an indirect
//! object, a trailer without `/ID` (viewers take an empty one), and files
//! whose strings and streams are not encrypted at all (`/StmF` and `/StrF`
//! `/Identity`, only embedded attachments encrypted, which need no password
//! to show the pages). For those we load the file with its `/Encrypt`
//! entry hidden (objects parsed but still encrypted), repair the encryption
//! dictionary, and decrypt the document ourselves.

use lopdf::encryption::{self, PasswordAlgorithm};
use lopdf::{Dictionary, Document, EncryptionState, Object, ObjectId, ObjectStream};

use super::{damaged, load, password_error};
use crate::error::ReadError;
use crate::read::ReadOptions;

/// Whether the file names an encryption dictionary anywhere.
pub fn names_encrypt(bytes: &[u8]) -> bool {
    encrypt_keys(bytes).next().is_some()
}

/// Open a file that names an encryption dictionary: load it with the
/// dictionary hidden, then set up decryption ourselves (see the module
/// documentation). A file whose trailer turns out not to name it loads as
/// it is.
///
/// # Errors
/// [`ReadError::PasswordRequired`] / [`ReadError::WrongPassword`] when the
/// password really is needed or wrong; [`ReadError::Damaged`] when the file
/// cannot be read.
pub fn open_encrypted(bytes: &[u8], opts: &ReadOptions) -> Result<Document, ReadError> {
    let hidden = hide_encrypt_key(bytes);
    let mut doc = load(&hidden, opts, false).map_err(|e| super::load_error(e, bytes, opts))?;
    if doc.trailer.get(b"Encrpyt").is_err() {
        return Ok(doc);
    }
    let Some(encrypt) = encrypt_dict(&doc) else {
        return Err(damaged("its encryption dictionary cannot be read"));
    };
    doc.trailer.remove(b"Encrpyt");
    if identity_only(&encrypt) {
        return Ok(doc);
    }
    let id = doc.add_object(Object::Dictionary(encrypt));
    doc.trailer.set("Encrypt", Object::Reference(id));
    if doc.trailer.get(b"ID").is_err() {
        let empty = Object::string_literal(Vec::<u8>::new());
        doc.trailer
            .set("ID", Object::Array(vec![empty.clone(), empty]));
    }
    let state = key(&doc, opts)?;
    doc.trailer.remove(b"Encrypt");
    doc.objects.remove(&id);
    for (&oid, obj) in doc.objects.iter_mut() {
        // A string or stream that cannot be decrypted stays as it is.
        let _ = encryption::decrypt_object(&state, oid, obj);
    }
    expand_object_streams(&mut doc, opts);
    Ok(doc)
}

/// Authenticate the password (empty when none was given) and derive the
/// file key. lopdf's own `Document::decrypt` would also do this, but then
/// reads object streams without the decompression limit.
fn key(doc: &Document, opts: &ReadOptions) -> Result<EncryptionState, ReadError> {
    let password = opts.password.as_deref().unwrap_or("");
    let unsupported = |e: lopdf::Error| match e {
        lopdf::Error::UnsupportedSecurityHandler(h) => ReadError::UnsupportedEncryption {
            handler: String::from_utf8_lossy(&h).into_owned(),
        },
        _ => password_error(opts),
    };
    let algorithm = PasswordAlgorithm::try_from(doc).map_err(unsupported)?;
    let password = algorithm
        .sanitize_password(password)
        .map_err(|_| password_error(opts))?;
    doc.authenticate_raw_password(&password)
        .map_err(|_| password_error(opts))?;
    EncryptionState::decode(doc, &password).map_err(unsupported)
}

/// The bytes with every `/Encrypt` key renamed to `/Encrpyt` (same length,
/// so offsets hold; `/EncryptMetadata` is left alone).
fn hide_encrypt_key(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for at in encrypt_keys(bytes) {
        out[at + 5..at + 8].copy_from_slice(b"pyt");
    }
    out
}

/// The offsets of each `/Encrypt` key that has a reference or a
/// dictionary as its value (not `/EncryptMetadata`, not the name as text).
fn encrypt_keys(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    const KEY: &[u8] = b"/Encrypt";
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(p) = find(&bytes[i..], KEY) {
            let at = i + p;
            i = at + KEY.len();
            let value = bytes[i..].trim_ascii_start();
            if value.first().is_some_and(u8::is_ascii_digit) || value.starts_with(b"<<") {
                return Some(at);
            }
        }
        None
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The encryption dictionary (under the hidden key) with its indirect
/// values, and those of each crypt filter in `/CF`, resolved.
fn encrypt_dict(doc: &Document) -> Option<Dictionary> {
    let v = doc.trailer.get(b"Encrpyt").ok()?;
    let dict = resolve(doc, v).as_dict().ok()?.clone();
    let mut out = Dictionary::new();
    for (k, v) in dict.iter() {
        let v = match (k.as_slice(), resolve(doc, v)) {
            (b"CF", Object::Dictionary(cf)) => Object::Dictionary(resolve_all(doc, &cf)),
            (_, v) => v,
        };
        out.set(k.clone(), v);
    }
    Some(out)
}

/// Each crypt filter of `/CF`, with its entries' references followed.
fn resolve_all(doc: &Document, cf: &Dictionary) -> Dictionary {
    let mut out = Dictionary::new();
    for (name, filter) in cf.iter() {
        let filter = match resolve(doc, filter) {
            Object::Dictionary(d) => {
                let mut f = Dictionary::new();
                for (k, v) in d.iter() {
                    f.set(k.clone(), resolve(doc, v));
                }
                Object::Dictionary(f)
            }
            other => other,
        };
        out.set(name.clone(), filter);
    }
    out
}

fn resolve(doc: &Document, v: &Object) -> Object {
    match v {
        Object::Reference(id) => doc.get_object(*id).cloned().unwrap_or(Object::Null),
        other => other.clone(),
    }
}

/// Version 4 or 5 encryption whose streams and strings use the `Identity`
/// crypt filter: nothing on the pages is encrypted (only attachments, if
/// anything), so no password is needed to read them.
fn identity_only(encrypt: &Dictionary) -> bool {
    let v = encrypt.get(b"V").and_then(Object::as_i64).unwrap_or(0);
    let identity = |key: &[u8]| {
        encrypt
            .get(key)
            .and_then(Object::as_name)
            .map_or(true, |n| n == b"Identity")
    };
    v >= 4 && identity(b"StmF") && identity(b"StrF")
}

/// Object streams could not be read while their content was encrypted:
/// read them now and add the objects they hold.
fn expand_object_streams(doc: &mut Document, opts: &ReadOptions) {
    let limit = Some(opts.limits.max_stream_bytes.min(usize::MAX as u64) as usize);
    let containers: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"ObjStm")
            })
        })
        .map(|(id, _)| *id)
        .collect();
    for id in containers {
        let Some(Ok(stream)) = doc.objects.get(&id).map(Object::as_stream) else {
            continue;
        };
        let Ok(os) = ObjectStream::new_with_limit(stream, limit) else {
            continue;
        };
        for (oid, obj) in os.objects {
            doc.objects.entry(oid).or_insert(obj);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_encrypt_keys_with_a_value_are_hidden() {
        let src = b"<< /Encrypt 5 0 R /ID [<>] >> << /EncryptMetadata false >> (/Encrypt) Tj /Encrypt<</V 1>>";
        let hidden = hide_encrypt_key(src);
        assert_eq!(hidden.len(), src.len());
        let text = String::from_utf8_lossy(&hidden);
        assert_eq!(text.matches("/Encrpyt").count(), 2, "{text}");
        assert!(text.contains("/EncryptMetadata") && text.contains("(/Encrypt)"));
    }
}
