import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [reactRouter()],
  build: {
    rolldownOptions: {
      // Rolldown's hint that plugins (React Router's route-exports transform) take most of the
      // build time: true on a busy machine and nothing this app can act on; it made `npm start`
      // noisy. Real warnings (an import that is undefined, an eval …) still show.
      checks: { bundlerTimings: false },
    },
  },
});
