// Package segment splits images into regions from seeds: the seeded
// watershed of scikit-image (skimage.segmentation.watershed, version 0.19),
// reproduced pixel for pixel, and Separate, which splits the touching
// objects of a binary image with it (distance map, h-maxima seeds,
// watershed inside the mask).
//
// # Watershed
//
// Watershed(img, markers, opts...) floods img (any type, compared as
// float64) from the nonzero labels of markers (an integer or label image
// of the same sizes). It follows scikit-image's algorithm step for step:
// the image padded by one pixel outside the mask; a priority queue ordered
// by value then age (the order of entry; the markers enter first, in
// raster order, all of age 0); neighbours visited in scikit-image's order
// (its footprint offsets sorted by distance, for each dimension and
// connectivity); a neighbour takes its label when it is queued, or when it
// leaves the queue in compact mode (WithCompactness: value plus
// compactness times the Euclidean distance to its marker) and
// watershed-line mode (WithWatershedLine: a pixel whose neighbours carry
// two labels stays 0).
//
// Identical results need an identical queue: markers of equal value all
// have age 0 and leave the queue in the order of scikit-image's binary
// heap, which depends on the heap's layout, so the queue is that heap
// (heap_general.pxi), operation for operation. Once no two markers left in
// the heap share a value, every key is distinct and any exact priority
// queue gives the same order: an 8- or 16-bit image (without compactness,
// whose priorities are not grey levels) then moves to a hierarchical queue
// (one FIFO per grey level, O(1) per pixel). In the plain mode only ties
// between different labels count: those between markers of one label (a
// plateau marker's pixels) cannot change the result, whatever order breaks
// them (ties.go). Markers at the image's minima,
// the usual case, are all out of the heap early; markers scattered over
// every level keep it longer.
//
// WithExactTies(false) (exact_ties=False in the registry and Python) gives
// up that one detail for speed: markers of equal value leave the queue in
// raster order, as if aged 0, 1, 2, ..., so every key is distinct from the
// start and an 8- or 16-bit image in the plain mode floods through the
// hierarchical queue alone. The result is scikit-image's except at pixels
// that markers of one value compete for (none when the markers' values
// are distinct; 0.3% of the pixels of the 4096² benchmark image, whose
// 3032 markers share 256 levels); about twice as fast there.
//
// The output has the markers' type (WatershedInto writes any integer or
// label type; dst may be markers). Volumes are flooded in 3D, channels and
// time points separately. Working memory: 16 bytes per voxel of one padded
// volume (value, label and mask side by side) plus 24 per queued pixel;
// the plain and the watershed-line watershed of an 8- or 16-bit image
// need 8 per voxel (label and level) plus, per entry in the heap, 8
// (level, age within the level and pixel in one word, where they fit) or
// 16 (a key level<<32|age and a pixel), and 8 in the hierarchical queue
// (a pixel and its label). With lines a pixel is
// queued once per neighbour that reaches it while the queue is a heap
// (scikit-image's layout depends on it), once in the hierarchical queue.
//
// Bad input is an error naming the culprit: markers or mask of other
// sizes, float markers, a negative compactness, connectivity 3 on a 2D
// image.
package segment
