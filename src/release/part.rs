//! A file of the bundle in memory, with its SHA-256 worked out once.

use sha2::{Digest, Sha256};

/// A file of the bundle: its path, its bytes and their SHA-256 in hex, hashed once for the
/// data package, `SHA256SUMS` and the list printed after a build.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub path: String,
    pub bytes: Vec<u8>,
    pub sha256: String,
}

impl Part {
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        let sha256 = sha256_hex(&bytes);
        Part {
            path: path.into(),
            bytes,
            sha256,
        }
    }
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
