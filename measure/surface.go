package measure

func surfaces(li *labelImage, ix *index, acc *partial, sp [3]float64) ([]float64, error) {
	return make([]float64, len(ix.labels)), nil
}
