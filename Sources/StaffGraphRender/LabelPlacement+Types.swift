#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The geometry ``LabelPlacement`` works with.
extension LabelPlacement {
    /// An axis-parallel rectangle in points, y upwards.
    public struct Box: Sendable, Equatable {
        /// Left edge.
        public var minX: Double
        /// Bottom edge.
        public var minY: Double
        /// Right edge.
        public var maxX: Double
        /// Top edge.
        public var maxY: Double

        /// Creates a rectangle from its edges.
        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX
            self.minY = minY
            self.maxX = maxX
            self.maxY = maxY
        }

        /// The rectangle of a map's frame or box.
        public init(_ frame: MapFrame) {
            self.init(minX: frame.lower.x, minY: frame.lower.y, maxX: frame.upper.x, maxY: frame.upper.y)
        }

        /// A rectangle of `width` × `height` centred on `centre`.
        public init(centre: MapPoint, width: Double, height: Double) {
            self.init(minX: centre.x - width / 2, minY: centre.y - height / 2, maxX: centre.x + width / 2, maxY: centre.y + height / 2)
        }

        /// The middle of the rectangle.
        public var centre: MapPoint { MapPoint(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

        /// The distance from `p` to the nearest point of the rectangle (0 inside).
        public func distance(to p: MapPoint) -> Double {
            let dx = max(minX - p.x, 0, p.x - maxX), dy = max(minY - p.y, 0, p.y - maxY)
            return (dx * dx + dy * dy).squareRoot()
        }

        /// The distance between the two rectangles (0 when they touch or overlap).
        public func distance(to other: Box) -> Double {
            let dx = max(other.minX - maxX, minX - other.maxX, 0), dy = max(other.minY - maxY, minY - other.maxY, 0)
            return (dx * dx + dy * dy).squareRoot()
        }

        /// Whether the rectangles come closer than `spacing` (with 0: whether they overlap).
        public func isCloser(to other: Box, than spacing: Double) -> Bool {
            minX < other.maxX + spacing && other.minX < maxX + spacing && minY < other.maxY + spacing && other.minY < maxY + spacing
        }

        /// Whether `other` lies inside this rectangle.
        public func contains(_ other: Box) -> Bool {
            other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
        }

        /// Whether the segment from `a` to `b` passes through the rectangle (Liang–Barsky clipping).
        func isCrossed(from a: MapPoint, to b: MapPoint) -> Bool {
            var t0 = 0.0, t1 = 1.0
            let dx = b.x - a.x, dy = b.y - a.y
            for (p, q) in [(-dx, a.x - minX), (dx, maxX - a.x), (-dy, a.y - minY), (dy, maxY - a.y)] {
                if p == 0 {
                    if q < 0 { return false }
                } else {
                    let t = q / p
                    if p < 0 { if t > t1 { return false }; t0 = max(t0, t) } else { if t < t0 { return false }; t1 = min(t1, t) }
                }
            }
            return t0 <= t1
        }
    }

    /// A person as placement sees them.
    public struct Node: Sendable, Equatable {
        /// Centre, in points.
        public var centre: MapPoint
        /// Half the width of the shape, its outline included: a circle's radius, half a square's side.
        public var halfSize: Double
        /// Drawn as an axis-parallel square (else a circle).
        public var isSquare: Bool
        /// Whether the person is drawn at all: hidden points neither block labels nor count as nearest.
        public var isDrawn: Bool
        /// The box the person is drawn in, if any: a label that leaves it costs more (it is not forbidden).
        public var region: Box?

        /// Creates a node.
        public init(centre: MapPoint, halfSize: Double, isSquare: Bool = false, isDrawn: Bool = true, region: Box? = nil) {
            self.centre = centre
            self.halfSize = halfSize
            self.isSquare = isSquare
            self.isDrawn = isDrawn
            self.region = region
        }

        /// Whether a `width` × `height` box centred on the node lies inside its
        /// shape, a point in from the outline (a name drawn on the node).
        public func fits(width: Double, height: Double) -> Bool {
            let inner = halfSize - 1.5
            guard inner > 0 else { return false }
            if isSquare { return width / 2 <= inner && height / 2 <= inner }
            return (width / 2) * (width / 2) + (height / 2) * (height / 2) <= inner * inner
        }

        /// The distance from `p` to the shape's outline (negative inside).
        func outlineDistance(from p: MapPoint) -> Double {
            if isSquare {
                let dx = abs(p.x - centre.x) - halfSize, dy = abs(p.y - centre.y) - halfSize
                let outside = (max(dx, 0) * max(dx, 0) + max(dy, 0) * max(dy, 0)).squareRoot()
                return outside > 0 ? outside : max(dx, dy)
            }
            let dx = p.x - centre.x, dy = p.y - centre.y
            return (dx * dx + dy * dy).squareRoot() - halfSize
        }

        /// The distance from the shape's outline to `box` (0 when they touch or overlap).
        func shapeDistance(to box: Box) -> Double {
            if isSquare {
                let own = Box(minX: centre.x - halfSize, minY: centre.y - halfSize, maxX: centre.x + halfSize, maxY: centre.y + halfSize)
                return box.distance(to: own)
            }
            return max(0, box.distance(to: centre) - halfSize)
        }
    }

    /// The size of a label's text block, in points.
    public struct Size: Sendable, Equatable {
        /// Width.
        public var width: Double
        /// Height.
        public var height: Double

        /// Creates a size.
        public init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }
    }

    /// One label to place.
    public struct Label: Sendable, Equatable {
        /// Index of its person in the nodes.
        public var node: Int
        /// Width of the text on one line, in points.
        public var width: Double
        /// Height of the text on one line, in points.
        public var height: Double
        /// The text broken over two lines, if it can be (a name with a
        /// space): tried where one line does not fit, a narrower block.
        public var wrapped: Size?

        /// Creates a label.
        public init(node: Int, width: Double, height: Double, wrapped: Size? = nil) {
            self.node = node
            self.width = width
            self.height = height
            self.wrapped = wrapped
        }
    }

    /// Where a label went.
    public struct Placed: Sendable, Equatable {
        /// Its rectangle.
        public var box: Box
        /// Whether it is the two-line form (``Label/wrapped``).
        public var wrapped: Bool

        /// Creates a placement.
        public init(box: Box, wrapped: Bool) {
            self.box = box
            self.wrapped = wrapped
        }
    }

    /// A line between two nodes (a tie), which labels avoid crossing when they can.
    public struct Segment: Sendable, Equatable {
        /// One end (a node index).
        public var from: Int
        /// The other end (a node index).
        public var to: Int

        /// Creates a segment.
        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }
    }
}
