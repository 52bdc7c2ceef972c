import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PlanScreen } from './App';
import { PlanProvider } from './state/PlanProvider';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PlanProvider>
      <PlanScreen />
    </PlanProvider>
  </StrictMode>,
);
