//! Scanning text in the shapes the compiler turns into vector instructions: a question asked
//! of every byte of a block without stopping early, with sums kept in bytes. The text rules,
//! the word count and the phone search read every byte of every excerpt; asked a byte at a
//! time with an early exit, each of them cost several instructions a byte.

/// Bytes per block for [`find`] and [`union`]: a block is asked whether any byte matches
/// before the first one is looked for. (Blocks of 64 were not compared at once.)
pub const BLOCK: usize = 32;

/// Bytes per block for [`count`] and [`count_pairs`]: a count kept in a byte cannot pass 255.
const COUNT_BLOCK: usize = 255;

/// The position of the first byte of `b` from `from` on that `matches`.
#[inline(always)]
pub fn find(b: &[u8], from: usize, matches: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    // Blocks of a fixed size, so the compiler knows their length and compares a block at
    // once: asked of a slice of any length, the same question took three times the
    // instructions.
    let any = |block: &[u8; BLOCK]| block.iter().fold(false, |any, &x| any | matches(x));
    let mut blocks = b.get(from..)?.chunks_exact(BLOCK);
    let mut at = from;
    for block in &mut blocks {
        let block = whole(block);
        if any(block) {
            return block.iter().position(|&x| matches(x)).map(|k| at + k);
        }
        at += BLOCK;
    }
    let tail = blocks.remainder();
    match b.len().checked_sub(BLOCK) {
        // The last block of the text ends the tail; what it holds before the tail (already
        // asked, or before `from`) is passed over.
        Some(start) if !tail.is_empty() => {
            let block = whole(&b[start..]);
            if !any(block) {
                return None;
            }
            let skip = at - start;
            block[skip..]
                .iter()
                .position(|&x| matches(x))
                .map(|k| at + k)
        }
        _ => tail.iter().position(|&x| matches(x)).map(|k| at + k),
    }
}

/// A block of `N` bytes, as the array it is.
#[inline(always)]
fn whole<const N: usize>(block: &[u8]) -> &[u8; N] {
    block.try_into().expect("blocks are taken whole")
}

/// How many bytes of `b` match.
#[inline(always)]
pub fn count(b: &[u8], matches: impl Fn(u8) -> bool + Copy) -> usize {
    b.chunks(COUNT_BLOCK)
        .map(|block| {
            let n = block.iter().fold(0u8, |n, &x| n + u8::from(matches(x)));
            usize::from(n)
        })
        .sum()
}

/// How many pairs of neighbouring bytes `(b[k], b[k + 1])` match.
#[inline(always)]
pub fn count_pairs(b: &[u8], matches: impl Fn(u8, u8) -> bool + Copy) -> usize {
    let Some(last) = b.len().checked_sub(1) else {
        return 0;
    };
    b[..last]
        .chunks(COUNT_BLOCK)
        .zip(b[1..].chunks(COUNT_BLOCK))
        .map(|(firsts, seconds)| {
            let pairs = firsts.iter().zip(seconds);
            let n = pairs.fold(0u8, |n, (&x, &y)| n + u8::from(matches(x, y)));
            usize::from(n)
        })
        .sum()
}

/// The union of `bits(x)` over every byte `x` of `b`; `pad` is a byte with no bits.
#[inline(always)]
pub fn union(b: &[u8], pad: u8, bits: impl Fn(u8) -> u8 + Copy) -> u8 {
    debug_assert_eq!(bits(pad), 0);
    // In blocks of a fixed size, as in `find`; the tail is asked as part of the text's last
    // block, which asks some bytes twice, to the same answer.
    let of = |block: &[u8; BLOCK]| block.iter().fold(0, |all, &x| all | bits(x));
    let mut blocks = b.chunks_exact(BLOCK);
    let mut all = 0;
    for block in &mut blocks {
        all |= of(whole(block));
    }
    match b.len().checked_sub(BLOCK) {
        Some(start) => all | of(whole(&b[start..])),
        // Shorter than a block (most strings: ids, dates, names): copied into one, filled
        // with `pad`, which costs less than asking each byte on its own.
        None => {
            let mut block = [pad; BLOCK];
            block[..b.len()].copy_from_slice(b);
            of(&block)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_a_byte_at_a_time() {
        let digit = |x: u8| x.is_ascii_digit();
        // Lengths around the block sizes, with matches at the edges of blocks and none at all.
        for len in [
            0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 254, 255, 256, 510, 511, 1000,
        ] {
            for every in [1, 7, 31, 32, 255, 256, 2000] {
                let b: Vec<u8> = (0..len)
                    .map(|k| if k % every == every - 1 { b'7' } else { b'x' })
                    .collect();
                for from in [0, 1, 31, 32, 33, len / 2, len] {
                    let want = b[from.min(len)..].iter().position(|&x| digit(x));
                    let got = find(&b, from, digit);
                    assert_eq!(got, want.map(|k| k + from), "{len} {every}");
                }
                assert_eq!(find(&b, len + 1, digit), None);
                let want = b.iter().filter(|&&x| digit(x)).count();
                assert_eq!(count(&b, digit), want, "{len} {every}");
                let edge = |x: u8, y: u8| x == b'x' && y == b'7';
                let want = b.windows(2).filter(|w| edge(w[0], w[1])).count();
                assert_eq!(count_pairs(&b, edge), want, "{len} {every}");
                let bits = |x: u8| if digit(x) { 4 } else { 1 };
                let want = b.iter().fold(0, |u, &x| u | bits(x));
                assert_eq!(union(&b, b'a', |x| bits(x) & 4), want & 4, "{len} {every}");
            }
        }
    }

    #[test]
    fn counts_past_what_a_byte_holds() {
        let b = vec![b'7'; 100_000];
        assert_eq!(count(&b, |x| x == b'7'), 100_000);
        assert_eq!(count_pairs(&b, |x, y| x == y), 99_999);
    }
}
