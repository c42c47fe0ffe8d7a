import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is ~1.1 MB (loaded only by the One Map page); everything else is far below this.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Rarely changing libraries every page needs: cached apart from the app's own code.
            { name: 'vendor', test: /node_modules[\\/](react|react-dom|react-router|scheduler|i18next|react-i18next|@tanstack)[\\/]/ },
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:8080', ws: true }, '/public': 'http://localhost:8080' },
  },
});
