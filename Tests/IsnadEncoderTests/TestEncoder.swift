import Foundation
import IsnadEncoder

/// One loaded encoder per test process (loading takes a fraction of a second, but tests are many).
enum TestEncoder {
    static let shared: Result<E5Encoder, EncoderError> = Result { () throws(EncoderError) in try E5Encoder(threads: 2) }
    static let portable: Result<E5Encoder, EncoderError> = Result { () throws(EncoderError) in
        try E5Encoder(threads: 2, kernels: .portable)
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Float {
        var dot: Float = 0, na: Float = 0, nb: Float = 0
        for i in 0..<min(a.count, b.count) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        return dot / max((na * nb).squareRoot(), 1e-12)
    }
}
