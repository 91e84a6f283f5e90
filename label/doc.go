// Package label finds and edits the objects of an image: connected
// components (scipy.ndimage.label, skimage.measure.label) and the label
// utilities of scikit-image (relabel_sequential, remove_small_objects,
// clear_border) and numpy (bincount of the labels). KeepSeeded keeps the
// components of a mask that hold a seed pixel (the connection step of
// skimage's apply_hysteresis_threshold, on the same parallel labelling).
//
// # Components
//
// Components(img, conn) labels a Binary image's nonzero pixels, or any
// other integer image's runs of equal nonzero values, at connectivity conn
// (gips.Conn4, Conn8 in 2D; Conn6, Conn18, Conn26 in 3D; gips.Full for the
// image's highest, scikit-image's default). Labels are 1..n in the raster
// order of each component's first pixel (x fastest, then y, then z), so
// the result equals scipy.ndimage.label's and skimage.measure.label's pixel
// for pixel. Channels and time points are labelled separately, the
// numbering running on.
//
// The algorithm is run-based: each row's runs of foreground are the nodes
// of a union-find whose root is always the smallest run index, so the
// numbering falls out of one pass over the roots. The rows are split into
// slabs: in parallel, each row's runs are counted, then found (Binary rows
// through a bit mask, 64 pixels a word, AVX2 or AVX-512 where the build
// has it) and joined with those of the slab's earlier rows by one merge of
// the two sorted run lists per neighbour row (1 in 2D, up to 4 in 3D: the
// row above, and the three rows of the plane before at 26-connectivity);
// every run is then pointed at its slab's root. A Binary volume of bytes
// at 26-connectivity (Full) takes blocks of two rows of two planes
// instead, quads, whose nodes are the runs of the OR of their four rows'
// masks (26-connected, a fifth as many as the runs on the bench volume),
// each numbered by the row of its first voxel so that the numbering is the
// same; a quad is joined with its four earlier neighbours by word
// operations on the masks of their facing rows, the slabs being whole
// pairs of planes. Then only these local roots are joined across the slab
// faces (serially, or for quads a face by the second of its two slabs to
// finish, each link a compare-and-swap) and numbered, serially; in
// parallel again, the output is written once, each run taking its local
// root's number as it is written: run by run on rows of few runs, and on
// rows of many short runs as the running sum of the labels' differences at
// the runs' ends (AVX2 where the build has it), which costs per pixel but
// has no branch on the runs' lengths; with AVX-512 (and its VPOPCNTD),
// Binary rows of bytes into 4-byte labels are written from their masks
// alone, each pixel of a block of sixteen taking the label its count of
// the block's run starts picks (a popcount and a permute), and their runs
// are not found again (a quad's rows take the labels of its nodes the same
// way). The result does not depend on where the slabs fall (the tests put
// a face on every row). Memory: 4 bytes per run or quad node (its parent
// in the union-find, then its local root or its label) and 8 per row; the
// runs themselves are kept only for the rows being joined (a row in 2D, a
// plane in 3D, per busy worker; a quad forest keeps the masks and nodes of
// two pairs of planes' quads per busy worker, and of each slab's first and
// last pair for its faces) and found again from the image when the output
// is written. These lists (and the quads' buffers) are pooled, so repeated
// calls do not map fresh pages (a garbage collection frees them).
//
// # Output types
//
// Components allocates Label16, or Label32 when the count passes 65535,
// unless WithOutput names a type; ComponentsInto writes any integer or
// label type and fails, writing nothing, when the count does not fit. The
// registry's label.components must allocate its output before it counts,
// so its default ("auto") follows the geometry: Label16 for an image of at
// most 65535 pixels (whose count cannot pass 65535), Label32 otherwise.
// The count is returned by the Go functions; through the registry it is
// the labels' maximum, or label.count, which counts without an output.
//
// # Aliasing
//
// Every XxxInto accepts dst == src: the objects are found before anything
// is written.
package label
