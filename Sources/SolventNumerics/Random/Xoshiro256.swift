/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit generator used here to
/// expand one seed into the 256-bit state of `Xoshiro256StarStar`.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018): the seeded generator of Solvent.
///
/// Every random draw in Solvent goes through an explicitly seeded instance of
/// this type, so the same seed gives the same numbers on every machine.
/// The state is seeded from SplitMix64 as the authors recommend; the first
/// outputs for seed 0 are checked against the reference C implementation.
/// `jumped()` gives a stream 2^128 steps ahead, for parallel independent streams.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// Seeds the 256-bit state from `seed` through SplitMix64.
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// Sets the state directly; it must not be all zero.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
        (s0, s1, s2, s3) = state
    }

    @inlinable @inline(__always)
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A generator 2^128 draws ahead of this one (the reference `jump()`).
    public func jumped() -> Xoshiro256StarStar {
        Xoshiro256StarStar(jumpFrom: self, jump: [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C,
                                                  0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C])
    }

    private init(jumpFrom start: Xoshiro256StarStar, jump: [UInt64]) {
        var g = start
        var t: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in jump {
            for b in 0..<64 {
                if word & (UInt64(1) << UInt64(b)) != 0 {
                    t.0 ^= g.s0; t.1 ^= g.s1; t.2 ^= g.s2; t.3 ^= g.s3
                }
                _ = g.next()
            }
        }
        (s0, s1, s2, s3) = t
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
