/* The C API used from C alone: an op on a caller's buffer, an output from
 * the caller's allocator, an error with its code and text. Built and run by
 * tests/test_capi_c.py. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "_gips.h"

static void *last;

static int64_t alloc(int64_t n) {
	last = calloc(1, (size_t)n);
	return (int64_t)(intptr_t)last;
}

static gips_image image2d(uint16_t *pix, int w, int h) {
	gips_image im;
	memset(&im, 0, sizeof im);
	im.data = (int64_t)(intptr_t)pix;
	im.strides[0] = (int64_t)w * 2;
	im.strides[1] = 2;
	im.type = 3; /* UInt16 */
	im.size[0] = w; im.size[1] = h; im.size[2] = 1; im.size[3] = 1; im.size[4] = 1;
	strcpy(im.typestr, "<u2");
	return im;
}

int main(void) {
	uint16_t pix[6] = {1, 2, 3, 4, 5, 65535};
	gips_image in = image2d(pix, 3, 2);
	char *out = NULL;
	/* In place: out = in. */
	int code = gips_op_run("{\"op\":\"arith.addScalar\",\"params\":{\"value\":10}}", 1, &in, &in, NULL, &out);
	printf("inplace %d %s %u %u\n", code, out, pix[0], pix[5]);
	gips_free(out);
	/* A new output from our allocator. */
	code = gips_op_run("{\"op\":\"arith.multiplyScalar\",\"params\":{\"value\":2}}", 1, &in, NULL, alloc, &out);
	printf("alloc %d %s %u\n", code, out, ((uint16_t *)last)[1]);
	gips_free(out);
	free(last);
	/* A scalar result. */
	code = gips_op_run("{\"op\":\"stats.sum\",\"params\":{}}", 1, &in, NULL, NULL, &out);
	printf("sum %d %s\n", code, out);
	gips_free(out);
	/* An error: code 3 (a parameter) and the text, also from gips_last_error. */
	code = gips_op_run("{\"op\":\"arith.addScalar\",\"params\":{}}", 1, &in, &in, NULL, &out);
	char *e = gips_last_error();
	printf("error %d %d %s\n", code, strcmp(e, out) == 0, out);
	gips_free(out);
	gips_free(e);
	return 0;
}
